import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext } from '../../src/jobs/job-definition.ts';
import { sessionRemindersDue } from '../../src/jobs/session-reminders-due.ts';
import { ACCESS_TOKEN, APP_SECRET, createTestChannel } from '../channels/whatsapp/support/channel.ts';
import { GraphStandIn } from '../channels/whatsapp/support/graph-stand-in.ts';
import { metaJson, signAsMeta } from '../channels/whatsapp/support/meta-json.ts';
import { AICHA, messagesFrom, textFrom } from '../channels/whatsapp/support/meta-payloads.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { waitFor } from '../support/processes.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const HOUR_MS = 3_600_000;

/**
 * A session reminder held for a WhatsApp participant outside the 24-hour window: she answers the
 * template only after the session has started, so the reminder ("rendez-vous dans 2 heures") is
 * skipped rather than sent late; the answer to what she wrote still goes.
 */
describe('a session reminder on WhatsApp released after the session started', () => {
  const graph = new GraphStandIn(ACCESS_TOKEN);
  const clock = clockFrom(SAMPLE_DAYTIME);
  let laterMs = 0;
  let t: TestApp;

  beforeAll(async () => {
    await graph.start();
    const channel = createTestChannel(graph.url);
    t = await startTestApp({
      now: () => new Date(clock().getTime() + laterMs),
      channels: { whatsapp: channel.adapter },
      routes: [(app, { sink }) => channel.registerWebhook(app, sink)],
    });
    await importSample(t.test.db);
    const programme = await t.test.db.programme.findFirstOrThrow();
    const settings = programme.settings as { whatsappTemplates?: Record<string, unknown> };
    await t.test.db.programme.update({
      where: { id: programme.id },
      data: {
        settings: {
          ...settings,
          whatsappTemplates: {
            ...settings.whatsappTemplates,
            session: {
              fr: { name: 'cc_seance_test', language: 'fr' },
              en: { name: 'cc_session_test', language: 'en' },
            },
          },
        },
      },
    });
  });

  afterAll(async () => {
    await t.close();
    await graph.stop();
  });

  /** A message from Aïcha, dated by the test's clock as Meta dates it. */
  function aichaWrites(id: string, body: string) {
    const payload = metaJson(
      messagesFrom(AICHA, textFrom(AICHA, id, body, String(Math.floor(t.context.now().getTime() / 1000)))),
    );
    return t.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signAsMeta(payload, APP_SECRET) },
      payload,
    });
  }

  it('skips the reminder when she replies after the start, and still answers her', async () => {
    expect((await aichaWrites('wamid.expired-hello', 'Bonjour')).statusCode).toBe(200);
    const identity = await waitFor(
      () => t.test.db.channelIdentity.findFirst({ where: { channel: 'whatsapp' } }).then((i) => i ?? undefined),
      15_000,
      'her identity recorded',
    );
    const hub = await t.test.db.hub.findFirstOrThrow({ where: { key: 'abidjan' } });
    const cohort = await t.test.db.cohort.findFirstOrThrow();
    await t.test.db.person.update({
      where: { id: identity.personId },
      data: { displayName: 'Aïcha', locale: 'fr', hubId: hub.id },
    });
    await t.test.db.enrolment.create({
      data: { personId: identity.personId, cohortId: cohort.id, role: 'participant', joinedAt: SAMPLE_DAYTIME },
    });

    // Today 11:30 in Abidjan (UTC): its 2-hour reminder is due. She said she is coming.
    const { sessionId } = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-expire', localStart: '2026-11-16T11:30', hubs: ['abidjan'] }),
      new Date(SAMPLE_DAYTIME.getTime() - 2 * HOUR_MS),
    );
    const venue = await t.test.db.sessionVenue.findFirstOrThrow({ where: { sessionId } });
    await t.test.db.sessionInvitation.create({
      data: { sessionId, venueId: venue.id, personId: identity.personId, announcedAt: SAMPLE_DAYTIME, rsvp: 'yes' },
    });
    // Her last message is 30 hours old: the window is closed, the template goes instead.
    await t.test.db.channelIdentity.update({
      where: { id: identity.id },
      data: { lastInboundAt: new Date(t.context.now().getTime() - 30 * HOUR_MS) },
    });
    expect(await sessionRemindersDue.handle({}, t.context as JobContext)).toEqual({ reminded: 1 });
    await waitFor(async () => graph.messageRequests.find((r) => r.type === 'template'), 15_000, 'the template');
    // The template reaches the platform a moment before the reminder is marked as held: wait for it.
    const reminder = await waitFor(
      async () =>
        (await t.test.db.outboundMessage.findFirst({ where: { purpose: 'session_reminder', status: 'held' } })) ??
        undefined,
      5_000,
      'the reminder held',
    );
    expect(reminder).toMatchObject({ status: 'held', notAfter: venue.startsAt });

    // She answers at 12:00, half an hour after the start.
    laterMs = 2 * HOUR_MS;
    const before = graph.messageRequests.length;
    await aichaWrites('wamid.expired-back', 'Oui ?');
    const answer = await waitFor(
      async () =>
        t.test.db.outboundMessage
          .findFirst({
            where: {
              personId: identity.personId,
              purpose: 'reply',
              status: 'sent',
              createdAt: { gte: new Date(SAMPLE_DAYTIME.getTime() + laterMs) },
            },
          })
          .then((m) => m ?? undefined),
      15_000,
      'the answer to her message',
    );
    expect(answer.status).toBe('sent');
    expect(await t.test.db.outboundMessage.findUniqueOrThrow({ where: { id: reminder.id } })).toMatchObject({
      status: 'skipped',
      lastError: 'expired: the session had started',
    });
    const sentSince = graph.messageRequests.slice(before);
    expect(sentSince.length).toBeGreaterThan(0);
    expect(sentSince.some((r) => r.type === 'text' && (r.text as { body: string }).body.startsWith('Rappel'))).toBe(
      false,
    );
  });
});
