import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedJoiningMessages } from '../../src/store/applications/accepted-joining.ts';
import { createInviteCodes } from '../../src/store/invites/create-invite-codes.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * What falls between joining, the country question and an accepted application: PAYS typed while
 * joining, and an accepted applicant who left their joining questions (ANNULER, a refusal, STOP
 * before they were told) and writes again.
 */
describe('joining, the country and an accepted application, together', () => {
  let t: TestApp;
  let cohortId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    cohortId = (await t.test.db.cohort.findFirstOrThrow()).id;
  });

  afterAll(async () => {
    await t.close();
  });

  const enrolmentOf = (person: SimulatedPerson) =>
    t.test.db.enrolment.findFirstOrThrow({ where: { personId: person.personId, cohortId } });

  it('answers PAYS typed while joining by saying the country comes, and joining goes on', async () => {
    const [code] = (await createInviteCodes(t.test.db, { cohortId, role: 'participant', count: 1 })) as [string];
    const awa = await SimulatedPerson.create(t, { name: 'Awa', role: 'newcomer' });
    await awa.send(`REJOINDRE ${code}`);
    await awa.send({ choice: 'join-lang:fr' });
    const [hubs] = await awa.send({ choice: 'join-consent:yes' });
    expect(hubs?.text).toContain('ville');
    const [told, again] = await awa.send('PAYS', { replies: 2 });
    expect(told?.text).toBe(
      "Votre pays vous sera demandé à la fin de l'inscription ; vous pourrez le changer ensuite avec PAYS.",
    );
    expect(again).toEqual(hubs);
    // The hub button still answers the step: nothing of joining was lost.
    const [country] = await awa.send({ choice: 'join-hub:abidjan' });
    expect(country?.text).toContain('Dans quel pays vivez-vous');
    await awa.send('Cameroun');
    const [welcome] = await awa.send('Awa Traoré');
    expect(welcome?.text).toContain('Bienvenue Awa Traoré');
    expect((await enrolmentOf(awa)).joinedAt).not.toBeNull();
    expect(await t.test.db.person.findUniqueOrThrow({ where: { id: awa.personId } })).toMatchObject({
      country: 'CM',
      timeZone: 'Africa/Douala',
    });
  });

  it('brings an accepted applicant who left the joining questions back to them at their next message', async () => {
    // As a decision leaves her: accepted, enrolled, not joined; then she cancelled the consent question.
    const fatou = await SimulatedPerson.create(t, { name: 'Fatou', role: 'newcomer' });
    await t.test.db.person.update({
      where: { id: fatou.personId },
      data: {
        locale: 'fr',
        displayName: 'Fatou Diallo',
        country: 'SN',
        timeZone: 'Africa/Dakar',
        roles: ['participant'],
      },
    });
    await t.test.db.enrolment.create({
      data: { personId: fatou.personId, cohortId, role: 'participant', status: 'active', joinedAt: null },
    });

    const [why, consent] = await fatou.send('Bonjour', { replies: 2 });
    expect(why?.text).toBe('Votre candidature a été retenue pour Promotion 2027 : il reste à rejoindre la promotion.');
    expect(consent).toMatchObject({
      kind: 'choices',
      choices: [{ id: 'join-consent:yes' }, { id: 'join-consent:no' }],
    });
    // Cancelled again, she is not lost: the next message asks again.
    await fatou.send('ANNULER');
    expect((await enrolmentOf(fatou)).joinedAt).toBeNull();
    const [whyAgain] = await fatou.send('ok', { replies: 2 });
    expect(whyAgain?.text).toContain('Votre candidature a été retenue');

    const [hubs] = await fatou.send({ choice: 'join-consent:yes' });
    expect(hubs?.text).toContain('ville');
    const [welcome] = await fatou.send({ choice: 'join-hub:abidjan' });
    expect(welcome?.text).toContain('Bienvenue Fatou Diallo');
    expect((await enrolmentOf(fatou)).joinedAt).not.toBeNull();
    // Her own country and zone stay those she gave; her next message is an ordinary one.
    expect(await t.test.db.person.findUniqueOrThrow({ where: { id: fatou.personId } })).toMatchObject({
      country: 'SN',
      timeZone: 'Africa/Dakar',
    });
    const [after] = await fatou.send('Bonjour');
    expect(after?.text).not.toContain('retenue');
  });

  it('does not cut short the dialogue an applicant is in when the acceptance comes, and asks after', async () => {
    const omar = await SimulatedPerson.create(t, { name: 'Omar', role: 'newcomer' });
    await t.test.db.person.update({
      where: { id: omar.personId },
      data: { locale: 'fr', displayName: 'Omar Sy', country: 'ML', timeZone: 'Africa/Bamako', roles: ['participant'] },
    });
    const state = { flow: 'country', step: 'keep', data: {} };
    await t.test.db.conversationState.create({ data: { personId: omar.personId, ...state } });
    const enrolment = await t.test.db.enrolment.create({
      data: { personId: omar.personId, cohortId, role: 'participant', status: 'active', joinedAt: null },
    });
    const asked = await t.test.db.$transaction((tx) =>
      acceptedJoiningMessages(
        tx,
        { enrolmentId: enrolment.id, personId: omar.personId },
        { ...t.context, mediaDir: t.mediaDir },
      ),
    );
    expect(asked).toEqual([]);
    expect(await t.test.db.conversationState.findUnique({ where: { personId: omar.personId } })).toMatchObject(state);
    // Once that dialogue is over, his next message brings the joining.
    await t.test.db.conversationState.delete({ where: { personId: omar.personId } });
    const [why] = await omar.send('Bonjour', { replies: 2 });
    expect(why?.text).toContain('Votre candidature a été retenue');
  });
});
