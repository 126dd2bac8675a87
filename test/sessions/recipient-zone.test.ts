import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext } from '../../src/jobs/job-definition.ts';
import { sessionRemindersDue } from '../../src/jobs/session-reminders-due.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, onlineDefinition } from '../support/sessions.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Someone with no zone of their own and no hub is reminded in the zone of the session's
 * programme (as in its announcement), not in that of another programme they joined first.
 */
describe('the zone a session reminder speaks in', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
  });

  afterAll(async () => {
    await t.close();
  });

  it("uses the session's programme zone for someone without a hub", async () => {
    const { sessionId } = await createSampleSession(
      t.test.db,
      onlineDefinition({ key: 'en-ligne-zone', localStart: '2026-11-20T14:00', reminderOffsetsMinutes: [120] }),
      SAMPLE_DAYTIME,
    );
    const session = await t.test.db.session.findUniqueOrThrow({ where: { id: sessionId }, include: { venues: true } });
    const venue = session.venues[0]!;
    const sample = await t.test.db.cohort.findFirstOrThrow({ where: { programmeId: session.programmeId } });
    const other = await t.test.db.programme.create({
      data: {
        key: 'autre-programme',
        name: { fr: 'Autre programme' },
        version: '1',
        defaultLocale: 'fr',
        locales: ['fr'],
        settings: { timeZone: 'Asia/Tokyo' },
        sourceHash: 'autre',
        importedAt: SAMPLE_DAYTIME,
        cohorts: { create: { key: 'autre', name: { fr: 'Autre' } } },
      },
      include: { cohorts: true },
    });
    const person = await t.test.db.person.create({
      data: {
        displayName: 'Nadia',
        locale: 'fr',
        roles: ['participant'],
        identities: { create: { channel: 'simulator', platformId: 'nadia-zone' } },
      },
    });
    // Joined the other programme first.
    await t.test.db.enrolment.create({
      data: {
        personId: person.id,
        cohortId: other.cohorts[0]!.id,
        role: 'participant',
        createdAt: new Date('2026-01-01'),
      },
    });
    await t.test.db.enrolment.create({ data: { personId: person.id, cohortId: sample.id, role: 'participant' } });
    await t.test.db.sessionInvitation.create({
      data: { sessionId, venueId: venue.id, personId: person.id, announcedAt: SAMPLE_DAYTIME, rsvp: 'yes' },
    });

    const at = new Date(venue.startsAt.getTime() - 2 * 3_600_000);
    await sessionRemindersDue.handle({}, { ...t.context, now: () => at } as JobContext);
    const reminder = await t.test.db.outboundMessage.findFirstOrThrow({
      where: { purpose: 'session_reminder', personId: person.id },
    });
    // 14:00 in Paris, the sample programme's zone; 22:00 in Tokyo.
    expect((reminder.payload as { text: string }).text).toContain('Quand : vendredi 20 novembre 2026, 14:00–16:00');
  });
});
