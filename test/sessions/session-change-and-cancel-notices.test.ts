import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSessions } from '../../src/jobs/announce-sessions.ts';
import { sessionNoticesDue } from '../../src/jobs/session-notices-due.ts';
import { cancelSession } from '../../src/store/sessions/cancel-session.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, localInstant, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

// One seat: the yes holds it, so the person waiting stays on the list.
const ABIDJAN_ONLY = { localStart: '2027-03-09T09:00', hubs: ['abidjan' as const], capacity: 1 };

/** A workshop moved after its announcement, then cancelled: who is told of each. */
describe('the change and cancellation notices of a session', () => {
  let t: TestApp;
  let sessionId: string;
  const people: Record<'yes' | 'maybe' | 'no' | 'silent' | 'waiting', SimulatedPerson> = {} as never;

  const noticed = async (purpose: string) =>
    (await t.test.db.outboundMessage.findMany({ where: { purpose }, select: { personId: true } }))
      .map((message) => message.personId)
      .sort();

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    for (const name of ['yes', 'maybe', 'no', 'silent', 'waiting'] as const)
      people[name] = await SimulatedPerson.create(t, { name, hub: 'abidjan' });
    ({ sessionId } = await createSampleSession(t.test.db, workshopDefinition(ABIDJAN_ONLY), SAMPLE_DAYTIME));
    await announceSessions.handle({}, t.context);
    for (const person of Object.values(people)) await person.replies(1);
    const answer = async (person: SimulatedPerson, data: object) =>
      t.test.db.sessionInvitation.update({
        where: { sessionId_personId: { sessionId, personId: person.personId } },
        data: { rsvpAt: SAMPLE_DAYTIME, ...data },
      });
    await answer(people.yes, { rsvp: 'yes' });
    await answer(people.maybe, { rsvp: 'maybe' });
    await answer(people.no, { rsvp: 'no' });
    await answer(people.waiting, { rsvp: 'yes', waitlistedAt: SAMPLE_DAYTIME });
  });

  afterAll(async () => {
    await t.close();
  });

  it('tells everyone but those who said they cannot come the new hour: yes, maybe, no answer yet, waiting', async () => {
    const moved = workshopDefinition(ABIDJAN_ONLY);
    moved.venues[0]!.startsAt = localInstant('2027-03-09T10:00', 'Africa/Abidjan');
    moved.venues[0]!.endsAt = localInstant('2027-03-09T13:00', 'Africa/Abidjan');
    await createSampleSession(t.test.db, moved, t.context.now());

    expect(await sessionNoticesDue.handle({}, t.context)).toEqual({ told: 4 });
    expect(await noticed('session_change')).toEqual(
      [people.yes.personId, people.maybe.personId, people.silent.personId, people.waiting.personId].sort(),
    );
    const [notice] = await people.yes.replies(1);
    expect(notice?.text).toContain("Changement d'horaire ou de lieu : voici les nouvelles informations.");
    expect(notice?.text).toContain('Quand : mardi 9 mars 2027, 10:00–13:00');
    expect(notice?.text).toContain('Pouvez-vous toujours venir ?');
    expect(notice?.kind).toBe('choices');

    expect(await sessionNoticesDue.handle({}, t.context)).toEqual({ told: 0 });
  });

  it('tells everyone it was announced to that it is cancelled, once, and announces it no more', async () => {
    const staff = await t.test.db.person.create({ data: { displayName: 'Claire', roles: ['staff'] } });
    expect(await cancelSession(t.test.db, { sessionId, actorId: staff.id, now: t.context.now() })).toEqual({
      cancelled: true,
    });
    expect(await t.test.db.auditLog.count({ where: { action: 'session.cancel', entityId: sessionId } })).toBe(1);

    expect(await sessionNoticesDue.handle({}, t.context)).toEqual({ told: 5 });
    expect(await noticed('session_cancelled')).toEqual(
      Object.values(people)
        .map((p) => p.personId)
        .sort(),
    );
    const [notice] = await people.no.replies(1);
    expect(notice?.text).toBe(
      "Annulation : « Atelier : cartographier son projet » (mardi 9 mars 2027, 10:00–13:00) n'aura pas lieu. Si vous l'aviez ajouté à votre agenda, vous pouvez l'en retirer.",
    );

    expect(await sessionNoticesDue.handle({}, t.context)).toEqual({ told: 0 });
    const late = await SimulatedPerson.create(t, { name: 'Late', hub: 'abidjan' });
    expect(await announceSessions.handle({}, t.context)).toEqual({ announced: 0 });
    expect(await t.test.db.outboundMessage.count({ where: { personId: late.personId } })).toBe(0);
  });
});
