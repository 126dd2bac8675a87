import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext } from '../../src/jobs/job-definition.ts';
import { sessionNoticesDue } from '../../src/jobs/session-notices-due.ts';
import { sessionRemindersDue } from '../../src/jobs/session-reminders-due.ts';
import { cancelSession } from '../../src/store/sessions/cancel-session.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, onlineDefinition } from '../support/sessions.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const AUDIENCE = 2_000;

/** An online session with 2,000 people invited: its reminder and its cancellation reach every one. */
describe('a session with a large audience', () => {
  let t: TestApp;
  let sessionId: string;
  let startsAt: Date;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    ({ sessionId } = await createSampleSession(
      t.test.db,
      onlineDefinition({ key: 'grande-session', localStart: '2026-11-20T14:00' }),
      SAMPLE_DAYTIME,
    ));
    const venue = await t.test.db.sessionVenue.findFirstOrThrow({ where: { sessionId } });
    const { programmeId } = await t.test.db.session.findUniqueOrThrow({ where: { id: sessionId } });
    const cohort = await t.test.db.cohort.findFirstOrThrow({ where: { programmeId } });
    startsAt = venue.startsAt;
    const people = await t.test.db.person.createManyAndReturn({
      data: Array.from({ length: AUDIENCE }, (_, n) => ({
        displayName: `Participant ${n}`,
        roles: ['participant' as const],
        locale: n % 2 === 0 ? 'fr' : 'en',
      })),
      select: { id: true },
    });
    await t.test.db.channelIdentity.createMany({
      data: people.map((person, n) => ({
        personId: person.id,
        channel: 'simulator' as const,
        platformId: `foule-${n}`,
      })),
    });
    await t.test.db.enrolment.createMany({
      data: people.map((person) => ({ personId: person.id, cohortId: cohort.id, role: 'participant' as const })),
    });
    await t.test.db.sessionInvitation.createMany({
      data: people.map((person) => ({
        sessionId,
        venueId: venue.id,
        personId: person.id,
        announcedAt: SAMPLE_DAYTIME,
        rsvp: 'yes' as const,
        rsvpAt: SAMPLE_DAYTIME,
      })),
    });
  }, 60_000);

  afterAll(async () => {
    await t.close();
  });

  const count = (purpose: string) => t.test.db.outboundMessage.count({ where: { purpose } });

  it('reminds all of them the day before', async () => {
    const at = new Date(startsAt.getTime() - 24 * 3_600_000);
    expect(await sessionRemindersDue.handle({}, { ...t.context, now: () => at } as JobContext)).toEqual({
      reminded: AUDIENCE,
    });
    expect(await count('session_reminder')).toBe(AUDIENCE);
  }, 20_000);

  it('tells all of them it is cancelled', async () => {
    await cancelSession(t.test.db, { sessionId, actorId: null, now: t.context.now() });
    expect(await sessionNoticesDue.handle({}, t.context)).toEqual({ told: AUDIENCE });
    expect(await count('session_cancelled')).toBe(AUDIENCE);
  }, 20_000);
});
