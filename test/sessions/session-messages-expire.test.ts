import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSessions } from '../../src/jobs/announce-sessions.ts';
import type { JobContext } from '../../src/jobs/job-definition.ts';
import { sessionFeedbackDue } from '../../src/jobs/session-feedback-due.ts';
import { sessionNoticesDue } from '../../src/jobs/session-notices-due.ts';
import { cancelSession } from '../../src/store/sessions/cancel-session.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, localInstant, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const ONE_SEAT = { key: 'atelier-une-place', localStart: '2027-03-09T09:00', hubs: ['abidjan' as const], capacity: 1 };

/**
 * Every message about a session says until when it means something (its `notAfter`): the
 * announcement, a freed seat and a change notice until the venue's start, a cancellation until
 * its end, the feedback question for a week.
 */
describe('until when messages about a session may go', () => {
  let t: TestApp;
  const people: Record<'awa' | 'binta', SimulatedPerson> = {} as never;

  const notAfter = async (purpose: string, person: SimulatedPerson) =>
    (
      await t.test.db.outboundMessage.findFirstOrThrow({
        where: { purpose, personId: person.personId },
        orderBy: { sequence: 'desc' },
      })
    ).notAfter;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    people.awa = await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    people.binta = await SimulatedPerson.create(t, { name: 'Binta', hub: 'abidjan' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('the start for the announcement, a freed seat and a change; the end for the cancellation', async () => {
    const { sessionId } = await createSampleSession(t.test.db, workshopDefinition(ONE_SEAT), SAMPLE_DAYTIME);
    const start = localInstant('2027-03-09T09:00', 'Africa/Abidjan');
    await announceSessions.handle({}, t.context);
    for (const person of Object.values(people)) {
      await person.replies(1);
      expect(await notAfter('session_announcement', person)).toEqual(start);
    }

    const invitation = async (person: SimulatedPerson) =>
      (
        await t.test.db.sessionInvitation.findUniqueOrThrow({
          where: { sessionId_personId: { sessionId, personId: person.personId } },
        })
      ).id;
    const answer = async (person: SimulatedPerson, rsvp: 'yes' | 'no') =>
      person.send({ choice: `rsvp:${await invitation(person)}:${rsvp}` });
    await answer(people.awa, 'yes');
    await answer(people.binta, 'yes');
    // Awa gives her seat back: Binta, waiting, gets it.
    await answer(people.awa, 'no');
    await people.binta.replies(1);
    expect(await notAfter('session_waitlist', people.binta)).toEqual(start);

    const moved = workshopDefinition(ONE_SEAT);
    const later = localInstant('2027-03-09T10:00', 'Africa/Abidjan');
    moved.venues[0]!.startsAt = later;
    moved.venues[0]!.endsAt = localInstant('2027-03-09T13:00', 'Africa/Abidjan');
    await createSampleSession(t.test.db, moved, t.context.now());
    await sessionNoticesDue.handle({}, t.context);
    expect(await notAfter('session_change', people.binta)).toEqual(later);

    const staff = await t.test.db.person.create({ data: { displayName: 'Claire', roles: ['staff'] } });
    await cancelSession(t.test.db, { sessionId, actorId: staff.id, now: t.context.now() });
    await sessionNoticesDue.handle({}, t.context);
    expect(await notAfter('session_cancelled', people.awa)).toEqual(moved.venues[0]!.endsAt);
  });

  it('a week after it is asked for the feedback question', async () => {
    // 06:00–09:00 in Abidjan: it ended an hour before the test's 10:00; Awa attended.
    const earlier = new Date(SAMPLE_DAYTIME.getTime() - 6 * HOUR_MS);
    const { sessionId } = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-fini', localStart: '2026-11-16T06:00', hubs: ['abidjan'], feedback: true }),
      earlier,
    );
    const venue = await t.test.db.sessionVenue.findFirstOrThrow({ where: { sessionId } });
    await t.test.db.sessionInvitation.create({
      data: {
        sessionId,
        venueId: venue.id,
        personId: people.awa.personId,
        announcedAt: earlier,
        rsvp: 'yes',
        attendedAt: new Date(SAMPLE_DAYTIME.getTime() - 4 * HOUR_MS),
        attendedBy: 'code',
      },
    });
    const asked = t.context.now();
    expect(await sessionFeedbackDue.handle({}, t.context as JobContext)).toEqual({ asked: 1 });
    const expires = (await notAfter('session_feedback', people.awa))!.getTime();
    expect(expires - asked.getTime()).toBeGreaterThanOrEqual(7 * DAY_MS);
    expect(expires - asked.getTime()).toBeLessThan(7 * DAY_MS + 60_000);
  });
});
