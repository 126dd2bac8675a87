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
 * A session reminder to a WhatsApp participant who has not written for more than 24 hours: the
 * programme's `session` template goes instead, and the reminder follows once she replies.
 */
describe('a session reminder on WhatsApp outside the 24-hour window', () => {
  const graph = new GraphStandIn(ACCESS_TOKEN);
  let t: TestApp;

  beforeAll(async () => {
    await graph.start();
    const channel = createTestChannel(graph.url);
    t = await startTestApp({
      now: clockFrom(SAMPLE_DAYTIME),
      channels: { whatsapp: channel.adapter },
      routes: [(app, { sink }) => channel.registerWebhook(app, sink)],
    });
    await importSample(t.test.db);
    // The programme approves a template for sessions (the sample file names its own).
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

  const sent = (match: (request: Record<string, unknown>) => boolean, label: string) =>
    waitFor(async () => graph.messageRequests.find(match), 15_000, label);

  it('sends the session template, and the reminder once she replies', async () => {
    expect((await aichaWrites('wamid.session-hello', 'Bonjour')).statusCode).toBe(200);
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

    // Tomorrow 09:00 in Abidjan; she said she is coming.
    const { sessionId } = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-whatsapp', localStart: '2026-11-17T09:00', hubs: ['abidjan'] }),
      new Date(SAMPLE_DAYTIME.getTime() - 2 * HOUR_MS),
    );
    const venue = await t.test.db.sessionVenue.findFirstOrThrow({ where: { sessionId } });
    await t.test.db.sessionInvitation.create({
      data: { sessionId, venueId: venue.id, personId: identity.personId, announcedAt: SAMPLE_DAYTIME, rsvp: 'yes' },
    });
    // Her last message is 30 hours old: the window is closed.
    await t.test.db.channelIdentity.update({
      where: { id: identity.id },
      data: { lastInboundAt: new Date(t.context.now().getTime() - 30 * HOUR_MS) },
    });

    expect(await sessionRemindersDue.handle({}, t.context as JobContext)).toEqual({ reminded: 1 });
    const template = await sent((r) => r.type === 'template', 'the session template');
    expect(template).toMatchObject({ to: AICHA.wa_id, template: { name: 'cc_seance_test', language: { code: 'fr' } } });
    // The template reaches the platform a moment before the reminder is marked as held: wait for it.
    const reminder = await waitFor(
      async () =>
        (await t.test.db.outboundMessage.findFirst({ where: { purpose: 'session_reminder', status: 'held' } })) ??
        undefined,
      5_000,
      'the reminder held',
    );
    expect(reminder.status).toBe('held');

    // She answers the template: the window opens and the reminder follows.
    await aichaWrites('wamid.session-back', 'Oui ?');
    const delivered = await sent(
      (r) => r.type === 'text' && (r.text as { body: string }).body.startsWith('Rappel'),
      'the held reminder',
    );
    expect((delivered.text as { body: string }).body).toMatch(
      /^Rappel : rendez-vous demain à 09:00\.\n\nAtelier : cartographier son projet\n/,
    );
    expect((await t.test.db.outboundMessage.findUniqueOrThrow({ where: { id: reminder.id } })).status).toBe('sent');
  });
});
