import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSessions } from '../../src/jobs/announce-sessions.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, onlineDefinition, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/** Who an announcement reaches: the roles the session names, and nobody paused or stopped. */
describe("a session's audience", () => {
  let t: TestApp;
  const people: Record<string, SimulatedPerson> = {};

  const announcedTo = async (sessionId: string) =>
    (await t.test.db.sessionInvitation.findMany({ where: { sessionId, announcedAt: { not: null } } }))
      .map((invitation) => invitation.personId)
      .sort();

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    people.awa = await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    people.paused = await SimulatedPerson.create(t, { name: 'Issa', hub: 'abidjan' });
    people.stopped = await SimulatedPerson.create(t, { name: 'Kadi', hub: 'abidjan' });
    people.mentor = await SimulatedPerson.create(t, { name: 'M. Rakoto', role: 'mentor', hub: 'antananarivo' });
    people.staff = await SimulatedPerson.create(t, { name: 'Claire', role: 'staff' });
    await t.test.db.enrolment.updateMany({ where: { personId: people.paused.personId }, data: { status: 'paused' } });
    await t.test.db.enrolment.updateMany({ where: { personId: people.stopped.personId }, data: { status: 'stopped' } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('reaches a mentor and a staff member when it invites those roles, and no participant', async () => {
    const { sessionId } = await createSampleSession(
      t.test.db,
      onlineDefinition({
        key: 'point-equipe',
        localStart: '2027-03-10T14:00',
        kind: 'collective',
        audience: { roles: ['mentor', 'staff'] },
      }),
      SAMPLE_DAYTIME,
    );
    await announceSessions.handle({}, t.context);
    expect(await announcedTo(sessionId)).toEqual([people.mentor!.personId, people.staff!.personId].sort());
    const [toMentor] = await people.mentor!.replies(1);
    expect(toMentor?.text).toMatch(/^Vous êtes invité·e à une session collective\./);
    // Claire has no hub: she is invited online, at her programme's hour (Paris).
    const [toStaff] = await people.staff!.replies(1);
    expect(toStaff?.text).toContain('Quand : mercredi 10 mars 2027, 14:00–16:00');
    expect(toStaff?.text).toContain('Lien : https://meet.example.org/cc-securite');
  });

  it('tells participants neither paused nor stopped, and a person of a hub with no venue nothing', async () => {
    const { sessionId } = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-tunis', localStart: '2027-03-09T09:00', hubs: ['abidjan', 'tunis'] }),
      SAMPLE_DAYTIME,
    );
    await announceSessions.handle({}, t.context);
    expect(await announcedTo(sessionId)).toEqual([people.awa!.personId]);
    expect(await t.test.db.outboundMessage.count({ where: { personId: people.paused!.personId } })).toBe(0);
    expect(await t.test.db.outboundMessage.count({ where: { personId: people.stopped!.personId } })).toBe(0);
  });
});
