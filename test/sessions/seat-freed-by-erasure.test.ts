import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionNoticesDue } from '../../src/jobs/session-notices-due.ts';
import { createRsvpStore } from '../../src/store/conversation/rsvp-store.ts';
import { erasePerson } from '../../src/store/people/erase-person.ts';
import { sessionReport } from '../../src/store/sessions/session-report.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * A seat is held only by someone who can still be written to: when the person seated erases
 * their data or is stopped, the first one waiting gets the seat and is told; someone erased who
 * waits is never given one.
 */
describe('a seat held by someone erased or stopped', () => {
  let t: TestApp;
  const people: Record<string, SimulatedPerson> = {};

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    for (const name of ['Awa', 'Koffi', 'Binta', 'Moussa', 'Fanta']) {
      people[name] = await SimulatedPerson.create(t, { name, hub: 'abidjan' });
    }
  });

  afterAll(async () => {
    await t.close();
  });

  /** A one-seat workshop in Abidjan; `seated` holds the seat, `waiting` wait in that order. */
  async function oneSeat(key: string, seated: string | null, waiting: string[]) {
    const { sessionId } = await createSampleSession(
      t.test.db,
      workshopDefinition({ key, localStart: '2027-03-09T09:00', hubs: ['abidjan'], capacity: 1 }),
      SAMPLE_DAYTIME,
    );
    const venue = await t.test.db.sessionVenue.findFirstOrThrow({ where: { sessionId } });
    const invite = (name: string, waitlistedAt: Date | null) =>
      t.test.db.sessionInvitation.create({
        data: {
          sessionId,
          venueId: venue.id,
          personId: people[name]!.personId,
          announcedAt: SAMPLE_DAYTIME,
          rsvp: 'yes',
          rsvpAt: waitlistedAt ?? SAMPLE_DAYTIME,
          waitlistedAt,
        },
      });
    if (seated) await invite(seated, null);
    for (const [index, name] of waiting.entries())
      await invite(name, new Date(SAMPLE_DAYTIME.getTime() + index * 60_000));
    return sessionId;
  }

  const seatNotices = (name: string) =>
    t.test.db.outboundMessage.count({ where: { purpose: 'session_waitlist', personId: people[name]!.personId } });
  const waitingOf = async (sessionId: string, name: string) =>
    (
      await t.test.db.sessionInvitation.findFirstOrThrow({
        where: { sessionId, personId: people[name]!.personId },
      })
    ).waitlistedAt;

  it('gives the seat of someone who erased their data to the first one waiting, and tells them', async () => {
    const sessionId = await oneSeat('atelier-effacement', 'Awa', ['Koffi']);
    await sessionNoticesDue.handle({}, t.context);
    expect(await waitingOf(sessionId, 'Koffi')).not.toBeNull();

    await t.test.db.$transaction((tx) => erasePerson(tx, { personId: people.Awa!.personId, at: SAMPLE_DAYTIME }));
    await sessionNoticesDue.handle({}, t.context);
    expect(await waitingOf(sessionId, 'Koffi')).toBeNull();
    expect(await seatNotices('Koffi')).toBe(1);
    const [told] = await people.Koffi!.replies(1);
    expect(told?.text).toContain('Atelier : cartographier son projet');
    // The report counts Koffi's seat, not Awa's.
    const report = await sessionReport(t.test.db, sessionId);
    expect(report.counts).toMatchObject({ yes: 1, waitlisted: 0 });
  });

  it('gives the seat of someone stopped to the one waiting, and never to someone erased who waits first', async () => {
    const sessionId = await oneSeat('atelier-arret', 'Moussa', ['Binta', 'Fanta']);
    await t.test.db.$transaction((tx) => erasePerson(tx, { personId: people.Binta!.personId, at: SAMPLE_DAYTIME }));
    // Binta, erased, is no longer ahead of Fanta in the queue.
    const [fantas] = await t.test.db.$transaction((tx) =>
      createRsvpStore(tx).upcomingInvitations(people.Fanta!.personId, SAMPLE_DAYTIME),
    );
    expect(fantas?.waitlistPosition).toBe(1);
    await t.test.db.enrolment.updateMany({ where: { personId: people.Moussa!.personId }, data: { status: 'stopped' } });
    await sessionNoticesDue.handle({}, t.context);
    expect(await waitingOf(sessionId, 'Fanta')).toBeNull();
    expect(await waitingOf(sessionId, 'Binta')).not.toBeNull();
    expect(await seatNotices('Fanta')).toBe(1);
    expect(await seatNotices('Binta')).toBe(0);
  });
});
