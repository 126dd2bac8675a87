import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/** Staff announce in chat to other roles than participants: the role step, then the usual narrowing. */
describe('an announcement in chat to chosen roles', () => {
  let t: TestApp;
  let staff: SimulatedPerson;
  let josue: SimulatedPerson;
  let mentor: SimulatedPerson;
  let aline: SimulatedPerson;
  let kouadio: SimulatedPerson;
  const hubs: Record<string, string> = {};

  /** Makes a simulated person a trainer who runs `hubKey` in the programme's cohort. */
  async function makeTrainer(person: SimulatedPerson, hubKey: string) {
    const db = t.test.db;
    const enrolment = await db.enrolment.findFirstOrThrow({ where: { personId: person.personId } });
    await db.enrolment.update({ where: { id: enrolment.id }, data: { role: 'trainer' } });
    await db.person.update({ where: { id: person.personId }, data: { roles: ['trainer'] } });
    await db.trainerHub.create({
      data: { cohortId: enrolment.cohortId, personId: person.personId, hubId: hubs[hubKey]! },
    });
  }

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    for (const hub of await t.test.db.hub.findMany({ select: { id: true, key: true } })) hubs[hub.key] = hub.id;
    staff = await SimulatedPerson.create(t, { name: 'Claire', role: 'staff' });
    josue = await SimulatedPerson.create(t, { name: 'Josué', hub: 'bukavu' });
    mentor = await SimulatedPerson.create(t, { name: 'M. Rakoto', role: 'mentor', hub: 'antananarivo' });
    aline = await SimulatedPerson.create(t, { name: 'Aline', hub: 'bukavu' });
    kouadio = await SimulatedPerson.create(t, { name: 'Kouadio', hub: 'abidjan' });
    await makeTrainer(aline, 'bukavu');
    await makeTrainer(kouadio, 'abidjan');
  });

  afterAll(async () => {
    await t.close();
  });

  it('sends to the trainers of Bukavu only, and the preview says so', async () => {
    const [audience] = await staff.send('annonce');
    expect(audience).toMatchObject({
      kind: 'choices',
      choices: expect.arrayContaining([{ id: 'bc-dim:role', label: 'Mentors, formateurs, équipe…' }]),
    });
    const [roles] = await staff.send({ choice: 'bc-dim:role' });
    expect(roles).toMatchObject({
      kind: 'choices',
      text: 'À qui parmi les personnes du programme ?',
      choices: [
        { id: 'bc-role:participant', label: 'Participants' },
        { id: 'bc-role:mentor', label: 'Mentors' },
        { id: 'bc-role:trainer', label: 'Formateurs' },
        { id: 'bc-role:staff', label: 'Équipe du programme' },
        { id: 'bc-role:all', label: 'Tout le monde' },
      ],
    });
    const [narrow] = await staff.send({ choice: 'bc-role:trainer' });
    expect(narrow?.text).toBe('Pour : formateurs uniquement. Dans tout le programme, ou seulement une partie ?');
    expect(narrow).toMatchObject({
      choices: expect.not.arrayContaining([expect.objectContaining({ id: 'bc-dim:role' })]),
    });
    await staff.send({ choice: 'bc-dim:hub' });
    await staff.send({ choice: `bc-val:${hubs.bukavu}` });
    await staff.send('Réunion des formateurs de Bukavu jeudi, au centre.');
    const [, counts] = await staff.send({ choice: 'bc:same' }, { replies: 2 });
    expect(counts?.text).toMatch(/^Pour : formateurs uniquement — 1 formateur\.\n1 destinataire\(s\)/);
    await staff.send({ choice: 'bc:now' });

    const [toAline] = await aline.replies(1);
    expect(toAline?.text).toBe('Réunion des formateurs de Bukavu jeudi, au centre.');
    const broadcast = await t.test.db.broadcast.findFirstOrThrow({ include: { segment: true, messages: true } });
    expect(broadcast.segment.filter).toEqual({ roles: ['trainer'], hubIds: [hubs.bukavu] });
    expect(broadcast.messages.map((m) => m.personId)).toEqual([aline.personId]);
  });

  it('sends to everyone, each role counted, one message each', async () => {
    await staff.send('annonce');
    await staff.send({ choice: 'bc-dim:role' });
    await staff.send({ choice: 'bc-role:all' });
    await staff.send({ choice: 'bc-dim:all' });
    await staff.send('Fête de fin de programme samedi.');
    const [, counts] = await staff.send({ choice: 'bc:same' }, { replies: 2 });
    expect(counts?.text).toContain(
      "Pour : participants, mentors, formateurs et équipe du programme — 1 participant, 1 mentor, 2 formateurs, 1 membre de l'équipe.",
    );
    // Claire is of the team: she gets the notice that it is on its way, and her own copy.
    const sent = await staff.send({ choice: 'bc:now' }, { replies: 2 });
    expect(sent.map((message) => message.text)).toContain('Fête de fin de programme samedi.');
    for (const person of [josue, mentor, aline, kouadio])
      expect((await person.replies(1))[0]?.text).toBe('Fête de fin de programme samedi.');
  });

  it('keeps participants as the audience when no role is chosen', async () => {
    await staff.send('annonce');
    await staff.send({ choice: 'bc-dim:all' });
    await staff.send('Nouvel exercice demain.');
    const [, counts] = await staff.send({ choice: 'bc:same' }, { replies: 2 });
    expect(counts?.text).toMatch(/^Pour : participants uniquement — 1 participant\./);
    await staff.send({ choice: 'bc:cancel' });
  });

  it('understands a keyword typed at the role step', async () => {
    await staff.send('annonce');
    await staff.send({ choice: 'bc-dim:role' });
    expect((await staff.send('annuler'))[0]?.text).toBe("C'est annulé.");
    const [again] = await staff.send('annonce');
    expect(again?.text).toBe("Annonce : à qui l'envoyer ?");
  });
});
