import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundPayload } from '../../src/domain/outbound-message.ts';
import { createInviteCodes } from '../../src/store/invites/create-invite-codes.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/** The id of the button labelled `label` in a message with choices. */
function button(message: OutboundPayload | undefined, label: string): string {
  const choices = message?.kind === 'choices' ? message.choices : [];
  const found = choices.find((choice) => choice.label === label);
  if (!found) throw new Error(`no button ${label} in ${JSON.stringify(message)}`);
  return found.id;
}

describe('joining: typed names and old buttons', () => {
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

  async function newcomer(name: string) {
    const [code] = (await createInviteCodes(t.test.db, { cohortId, role: 'participant', count: 1 })) as [string];
    const person = await SimulatedPerson.create(t, { name, role: 'newcomer' });
    const [language] = await person.send(`REJOINDRE ${code}`);
    const [consent] = await person.send({ choice: button(language, 'Français') });
    const [hubs] = await person.send({ choice: button(consent, "J'accepte") });
    return { person, language, consent, hubs };
  }

  const personOf = (person: SimulatedPerson) =>
    t.test.db.person.findUniqueOrThrow({ where: { id: person.personId }, include: { hub: true } });

  it('takes a hub typed by name, without case or accents', async () => {
    const { person } = await newcomer('Awa');
    await person.send('  ANTANANARIVO ');
    const [name] = await person.send('madagascar');
    expect(name?.text).toBe("Quel nom voulez-vous que j'utilise ?");
    expect((await personOf(person)).hub?.key).toBe('antananarivo');
  });

  it('asks the step again to a greeting while joining, not the menu of those who joined', async () => {
    const { person } = await newcomer('Kossi');
    const [again] = await person.send('Bonjour');
    expect(again).toMatchObject({ kind: 'choices', text: expect.stringContaining('Dans quelle ville') });
    expect(again?.text).not.toContain('PROGRÈS');
  });

  it('says to choose a button when a typed city is not one of the hubs, and shows them again', async () => {
    const { person } = await newcomer('Binta');
    const [problem, again] = await person.send('Paris', { replies: 2 });
    expect(problem?.text).toBe(
      "Je ne trouve pas « Paris » parmi les villes du programme. Choisissez l'une des villes avec les boutons.",
    );
    expect(again).toMatchObject({ kind: 'choices', text: expect.stringContaining('ville') });
    expect((await personOf(person)).hub).toBeNull();
  });

  it('an old button from an earlier step changes nothing, during joining and after', async () => {
    const { person, language, consent, hubs } = await newcomer('Chaka');
    // At the hub question, the language question's "English".
    const [earlier, again] = await person.send({ choice: button(language, 'English') }, { replies: 2 });
    expect(earlier?.text).toBe("Ce choix vient d'une étape précédente : il ne change plus rien.");
    expect(again).toMatchObject({ kind: 'choices', text: expect.stringContaining('ville') });
    expect((await personOf(person)).locale).toBe('fr');

    await person.send({ choice: button(hubs, 'Abidjan') });
    await person.send({ choice: 'join-country:CI' });
    await person.send('Chaka');
    expect((await personOf(person)).displayName).toBe('Chaka');

    // Joined: the old language, consent and hub buttons still change nothing.
    for (const old of [button(language, 'English'), button(consent, 'Je refuse'), button(hubs, 'Bukavu')]) {
      const [reply] = await person.send({ choice: old });
      expect(reply?.text).toBe("Ce choix vient d'une étape précédente : il ne change plus rien.");
    }
    const after = await personOf(person);
    expect(after).toMatchObject({ locale: 'fr', hub: { key: 'abidjan' }, optedOutAt: null });
    expect(await t.test.db.consent.count({ where: { personId: person.personId } })).toBe(1);
  });

  it('welcomes in words that read: the programme, then the cohort', async () => {
    const [code] = (await createInviteCodes(t.test.db, { cohortId, role: 'participant', count: 1 })) as [string];
    const person = await SimulatedPerson.create(t, { name: 'Dede', role: 'newcomer' });
    const [language] = await person.send(`JOIN ${code}`);
    const [consent] = await person.send({ choice: button(language, 'English') });
    const [hubs] = await person.send({ choice: button(consent, 'I agree') });
    await person.send({ choice: button(hubs, 'Tunis') });
    // Her workshop is in Tunis, she lives in Cameroon: one time zone there, none asked.
    const [notFound] = await person.send('Kamerun');
    expect(notFound?.text).toBe(
      'I did not find the country “Kamerun”. Type the name of your country, for example Cameroon or Senegal.',
    );
    const [name] = await person.send('Cameroon');
    expect(name?.text).toBe('What name would you like me to use?');
    expect(await personOf(person)).toMatchObject({ hub: { key: 'tunis' }, country: 'CM', timeZone: 'Africa/Douala' });
    const [welcome] = await person.send('Dede');
    expect(welcome?.text).toBe(
      'Welcome Dede! You are now part of Civic Connections (2027 cohort). Send HELP at any time to see what I can do.',
    );
    expect((await person.send(`JOIN ${code}`))[0]?.text).toBe(
      'You are already part of Civic Connections (2027 cohort). Send HELP to see what I can do.',
    );
  });

  it('refuses a code in the language of the word written, JOIN or REJOINDRE, to someone with no language yet', async () => {
    const english = await SimulatedPerson.create(t, { name: 'John', role: 'newcomer' });
    expect((await english.send('JOIN XXXX1234'))[0]?.text).toBe(
      'I do not know the code XXXX1234. Please check it and send it again, for example: JOIN ABCD2345',
    );
    const french = await SimulatedPerson.create(t, { name: 'Jean', role: 'newcomer' });
    expect((await french.send('rejoindre xxxx1234'))[0]?.text).toBe(
      'Je ne connais pas le code XXXX1234. Vérifiez-le et renvoyez-le, par exemple : REJOINDRE ABCD2345',
    );
  });

  it('refuses a used code in English to someone who writes JOIN', async () => {
    const [code] = (await createInviteCodes(t.test.db, { cohortId, role: 'participant', count: 1 })) as [string];
    const first = await SimulatedPerson.create(t, { name: 'Kofi', role: 'newcomer' });
    await first.send(`JOIN ${code}`);
    const second = await SimulatedPerson.create(t, { name: 'Mary', role: 'newcomer' });
    expect((await second.send(`JOIN ${code}`))[0]?.text).toBe(
      `The code ${code} has already been used. Ask the programme team for a new code.`,
    );
  });
});
