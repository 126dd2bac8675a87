import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/** SAMPLE_DAYTIME is 10:00 UTC: 10:00 in Abidjan, 11:00 in Douala and Kinshasa, 12:00 in Bukavu. */
describe('PAYS: a person changes their country and time zone', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
  });

  afterAll(async () => {
    await t.close();
  });

  const personOf = (person: SimulatedPerson) =>
    t.test.db.person.findUniqueOrThrow({ where: { id: person.personId }, select: { country: true, timeZone: true } });

  it("shows the hub's zone to someone who never gave a country, and changes to a country of one zone", async () => {
    const awa = await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    const [shown] = await awa.send('PAYS');
    expect(shown?.text).toMatch(
      /^Vous ne m'avez pas encore dit dans quel pays vous vivez\. Je vous écris à l'heure de Abidjan : il y est 10:0\d\./,
    );
    expect(shown).toMatchObject({ kind: 'choices', choices: [{ id: 'country-keep:no' }, { id: 'country-keep:yes' }] });
    const [question] = await awa.send({ choice: 'country-keep:no' });
    expect(question?.text).toContain('Dans quel pays vivez-vous ?');
    const [done] = await awa.send('cameroun');
    expect(done?.text).toMatch(
      /^C'est noté : votre pays est Cameroun, et je vous écris à l'heure de Douala\. Il est maintenant 11:0\d chez vous\.$/,
    );
    expect(await personOf(awa)).toEqual({ country: 'CM', timeZone: 'Africa/Douala' });
    expect(await t.test.db.conversationState.findUnique({ where: { personId: awa.personId } })).toBeNull();
  });

  it('asks the zone in a country with several, and shows the new one next time', async () => {
    const espoir = await SimulatedPerson.create(t, { name: 'Espoir', hub: 'bukavu' });
    await espoir.send('COUNTRY');
    // Typing a country at once goes straight to it.
    const [zone] = await espoir.send('RD Congo');
    expect(zone).toMatchObject({
      kind: 'choices',
      choices: [{ id: 'country-zone:Africa/Kinshasa' }, { id: 'country-zone:Africa/Lubumbashi' }],
    });
    const [done] = await espoir.send({ choice: 'country-zone:Africa/Kinshasa' });
    expect(done?.text).toContain('Il est maintenant 11:0');
    expect(await personOf(espoir)).toEqual({ country: 'CD', timeZone: 'Africa/Kinshasa' });
    const [shown] = await espoir.send('PAYS');
    expect(shown?.text).toMatch(
      /^Votre pays : République démocratique du Congo\. Je vous écris à l'heure de Kinshasa : il y est 11:0\d\./,
    );
    const [kept] = await espoir.send({ choice: 'country-keep:yes' });
    expect(kept?.text).toBe("C'est noté, rien ne change.");
    expect(await personOf(espoir)).toEqual({ country: 'CD', timeZone: 'Africa/Kinshasa' });
  });

  it('lets keywords act inside: ANNULER leaves everything as it was, AIDE helps', async () => {
    const salma = await SimulatedPerson.create(t, { name: 'Salma', hub: 'tunis' });
    await salma.send('PAYS');
    await salma.send({ choice: 'country-keep:no' });
    const [help] = await salma.send('AIDE');
    expect(help?.text).toContain("Voici ce que vous pouvez m'écrire");
    expect(await t.test.db.conversationState.findUnique({ where: { personId: salma.personId } })).toMatchObject({
      flow: 'country',
      step: 'country',
    });
    const [cancelled] = await salma.send('ANNULER');
    expect(cancelled?.text).toBe(t.context.translate('fr', 'commands:cancelled'));
    expect(await t.test.db.conversationState.findUnique({ where: { personId: salma.personId } })).toBeNull();
    expect(await personOf(salma)).toEqual({ country: null, timeZone: null });
  });
});
