import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionNoticesDue } from '../../src/jobs/session-notices-due.ts';
import { cancelSession } from '../../src/store/sessions/cancel-session.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * One rule for who is written to about a session: nobody stopped or opted out ever; someone
 * paused is still told the session moved or is cancelled, and given the seat they wait for
 * (reminders and feedback leave them out: session-reminders.test.ts, session-feedback.test.ts).
 */
describe('paused and stopped people and the messages about a session', () => {
  let t: TestApp;
  let sessionId: string;
  let venueId: string;
  const people: Record<string, SimulatedPerson> = {};

  const toldOf = async (purpose: string) =>
    (
      await t.test.db.outboundMessage.findMany({
        where: { purpose },
        select: { person: { select: { displayName: true } } },
      })
    )
      .map((message) => message.person.displayName)
      .sort();

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    for (const name of ['Awa', 'Paul', 'Koffi', 'Sali', 'Omar']) {
      people[name] = await SimulatedPerson.create(t, { name, hub: 'abidjan' });
    }
    await t.test.db.enrolment.updateMany({ where: { personId: people.Paul!.personId }, data: { status: 'paused' } });
    await t.test.db.enrolment.updateMany({ where: { personId: people.Sali!.personId }, data: { status: 'stopped' } });
    await t.test.db.person.update({ where: { id: people.Omar!.personId }, data: { optedOutAt: SAMPLE_DAYTIME } });
    ({ sessionId } = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-statuts', localStart: '2027-03-09T09:00', hubs: ['abidjan'], capacity: 1 }),
      SAMPLE_DAYTIME,
    ));
    const venue = await t.test.db.sessionVenue.findFirstOrThrow({ where: { sessionId } });
    venueId = venue.id;
    const invitations: [string, 'yes' | 'maybe', number | null][] = [
      ['Awa', 'yes', null],
      ['Paul', 'yes', 1],
      ['Koffi', 'yes', 2],
      ['Sali', 'maybe', null],
      ['Omar', 'maybe', null],
    ];
    for (const [name, rsvp, waiting] of invitations) {
      await t.test.db.sessionInvitation.create({
        data: {
          sessionId,
          venueId,
          personId: people[name]!.personId,
          announcedAt: SAMPLE_DAYTIME,
          rsvp,
          rsvpAt: SAMPLE_DAYTIME,
          waitlistedAt: waiting === null ? null : new Date(SAMPLE_DAYTIME.getTime() + waiting * 60_000),
        },
      });
    }
  });

  afterAll(async () => {
    await t.close();
  });

  it('tells those paused that their venue moved, but nobody stopped or opted out', async () => {
    await t.test.db.sessionVenue.update({ where: { id: venueId }, data: { changeNoticeDueAt: SAMPLE_DAYTIME } });
    await sessionNoticesDue.handle({}, t.context);
    expect(await toldOf('session_change')).toEqual(['Awa', 'Koffi', 'Paul']);
  });

  it('gives the seat Awa frees, when she is stopped, to the first one waiting even if paused, and tells him', async () => {
    await t.test.db.enrolment.updateMany({ where: { personId: people.Awa!.personId }, data: { status: 'stopped' } });
    await sessionNoticesDue.handle({}, t.context);
    expect(await toldOf('session_waitlist')).toEqual(['Paul']);
    const waiting = await t.test.db.sessionInvitation.findMany({
      where: { sessionId, waitlistedAt: { not: null } },
      select: { person: { select: { displayName: true } } },
    });
    expect(waiting.map((invitation) => invitation.person.displayName)).toEqual(['Koffi']);
  });

  it('tells those paused that the session is cancelled, but nobody stopped or opted out', async () => {
    await cancelSession(t.test.db, { sessionId, actorId: null, now: SAMPLE_DAYTIME });
    await sessionNoticesDue.handle({}, t.context);
    // Awa, stopped since, is not told.
    expect(await toldOf('session_cancelled')).toEqual(['Koffi', 'Paul']);
  });
});
