import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInviteCodes } from '../../src/store/invites/create-invite-codes.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

describe('joining with a trainer code', () => {
  let t: TestApp;
  let cohortId: string;
  let hubIds: Record<string, string>;

  const trainerCode = async (hub: string) =>
    ((await createInviteCodes(t.test.db, { cohortId, role: 'trainer', hubId: hubIds[hub]!, count: 1 })) as [string])[0];

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    cohortId = (await t.test.db.cohort.findFirstOrThrow()).id;
    hubIds = Object.fromEntries((await t.test.db.hub.findMany()).map((hub) => [hub.key, hub.id]));
  });

  afterAll(async () => {
    await t.close();
  });

  it('makes a trainer of the hub without asking the hub, in French, and says what a trainer can do', async () => {
    const code = await trainerCode('bukavu');
    const aline = await SimulatedPerson.create(t, { name: 'Aline', role: 'newcomer' });
    await aline.send(`REJOINDRE ${code}`);
    const [consent] = await aline.send({ choice: 'join-lang:fr' });
    // Trainers read the participants' consent text: they see their words.
    expect(consent?.text).toContain('vos réponses aux exercices');
    const [country] = await aline.send({ choice: 'join-consent:yes' });
    // Her hub's country first; the DRC has two time zones: she is asked which.
    const suggested = country?.kind === 'choices' ? country.choices : [];
    expect(suggested[0]).toEqual({ id: 'join-country:CD', label: 'RD Congo' });
    const [zone] = await aline.send('RDC');
    expect(zone?.text).toBe(
      'République démocratique du Congo : il y a plusieurs fuseaux horaires. Lequel est le vôtre ?',
    );
    const [next] = await aline.send({ choice: 'join-zone:Africa/Lubumbashi' });
    expect(next?.text).toBe("Quel nom voulez-vous que j'utilise ?");
    const [welcome] = await aline.send('Aline');
    expect(welcome?.text).toContain('Bienvenue Aline ! Vous êtes formateur·rice de');
    expect(welcome?.text).toContain('pour Bukavu');
    for (const word of ['PARTICIPANTS', 'ÉCRIRE', 'TABLEAU DE BORD', '« Répondre »'])
      expect(welcome?.text).toContain(word);

    const person = await t.test.db.person.findUniqueOrThrow({
      where: { id: aline.personId },
      include: { enrolments: true, trainerHubs: { include: { hub: true } } },
    });
    expect(person.roles).toEqual(['trainer']);
    expect(person.hubId).toBe(hubIds.bukavu);
    expect([person.country, person.timeZone]).toEqual(['CD', 'Africa/Lubumbashi']);
    expect(person.enrolments.map((e) => [e.role, e.joinedAt !== null])).toEqual([['trainer', true]]);
    expect(person.trainerHubs.map((row) => [row.cohortId, row.hub.key])).toEqual([[cohortId, 'bukavu']]);
    const consents = await t.test.db.consent.findMany({ where: { personId: aline.personId } });
    expect(consents.map((c) => [c.given, c.textVersion])).toEqual([[true, '2027-01']]);
  });

  it('adds a second hub to a trainer who sends a code for it, in English, keeping their own hub', async () => {
    const kouadio = await SimulatedPerson.create(t, { name: 'Kouadio', role: 'newcomer' });
    await kouadio.send(`JOIN ${await trainerCode('abidjan')}`);
    await kouadio.send({ choice: 'join-lang:en' });
    await kouadio.send({ choice: 'join-consent:yes' });
    await kouadio.send({ choice: 'join-country:CI' });
    const [welcome] = await kouadio.send('Kouadio');
    expect(welcome?.text).toContain('Welcome Kouadio! You are a trainer of');
    expect(welcome?.text).toContain('for Abidjan');
    for (const word of ['PARTICIPANTS', 'WRITE', 'DASHBOARD', '“Reply”']) expect(welcome?.text).toContain(word);

    const second = await trainerCode('ouagadougou');
    const [added] = await kouadio.send(`JOIN ${second}`);
    expect(added?.text).toBe('Noted: you are now a trainer for Ouagadougou too. You now run Abidjan and Ouagadougou.');
    const rows = await t.test.db.trainerHub.findMany({ where: { personId: kouadio.personId }, include: { hub: true } });
    expect(rows.map((row) => row.hub.key).sort()).toEqual(['abidjan', 'ouagadougou']);
    const person = await t.test.db.person.findUniqueOrThrow({ where: { id: kouadio.personId } });
    expect(person.hubId).toBe(hubIds.abidjan);
    expect((await t.test.db.inviteCode.findUniqueOrThrow({ where: { code: second } })).uses).toBe(1);

    // The same code again is used up, and changes nothing.
    const [again] = await kouadio.send(`JOIN ${second}`);
    expect(again?.text).toContain('has already been used');
    expect(await t.test.db.trainerHub.count({ where: { personId: kouadio.personId } })).toBe(2);
  });

  it('tells a trainer in French which hubs they run after a second code', async () => {
    const moise = await SimulatedPerson.create(t, { name: 'Moïse', role: 'newcomer' });
    await moise.send(`REJOINDRE ${await trainerCode('tunis')}`);
    await moise.send({ choice: 'join-lang:fr' });
    await moise.send({ choice: 'join-consent:yes' });
    await moise.send('Tunisie');
    await moise.send('Moïse');
    const [added] = await moise.send(`REJOINDRE ${await trainerCode('antananarivo')}`);
    expect(added?.text).toBe(
      "C'est noté : vous êtes aussi formateur·rice pour Antananarivo. Vous suivez maintenant Tunis et Antananarivo.",
    );
  });

  it('keeps no trainer hub for someone who refuses the consent', async () => {
    const code = await trainerCode('bukavu');
    const refuser = await SimulatedPerson.create(t, { name: 'Refus', role: 'newcomer' });
    await refuser.send(`REJOINDRE ${code}`);
    await refuser.send({ choice: 'join-lang:fr' });
    await refuser.send({ choice: 'join-consent:no' });
    expect(await t.test.db.trainerHub.count({ where: { personId: refuser.personId } })).toBe(0);
    const person = await t.test.db.person.findUniqueOrThrow({ where: { id: refuser.personId } });
    expect(person.roles).toEqual([]);
  });
});
