import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockFrom } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Saturday 20 March 2027, 10:00 UTC: daytime in every hub, and Paris on winter time (UTC+1)
 * until the 28th, when it moves to UTC+2.
 */
const MARCH = new Date('2027-03-20T10:00:00Z');

describe('an announcement written in chat, in the time of the city it is for', () => {
  let t: TestApp;
  let awa: SimulatedPerson;
  let rivo: SimulatedPerson;
  let staff: SimulatedPerson;
  let abidjan: string;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(MARCH) });
    await importSample(t.test.db);
    awa = await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    rivo = await SimulatedPerson.create(t, { name: 'Rivo', hub: 'antananarivo' });
    staff = await SimulatedPerson.create(t, { name: 'Claire', role: 'staff' });
    abidjan = (await t.test.db.hub.findFirstOrThrow({ where: { key: 'abidjan' } })).id;
  });

  afterAll(async () => {
    await t.close();
  });

  it("asks which time the author's times are in, shows what Abidjan will read, and sends it so", async () => {
    await staff.send('annonce');
    const [cities] = await staff.send({ choice: 'bc-dim:hub' });
    expect(cities?.text).toBe('Quelle ville ?');
    await staff.send({ choice: `bc-val:${abidjan}` });
    await staff.send("L'atelier du 6 avril commence à 15h00.");
    const [zone] = await staff.send({ choice: 'bc:same' });
    expect(zone).toMatchObject({
      kind: 'choices',
      text: 'Les heures de votre texte (15h00) sont-elles celles de la ville visée, Abidjan, ou celles du programme, Paris ?',
      choices: [
        { id: 'bc-tz:audience', label: 'Heure de la ville — Abidjan' },
        { id: 'bc-tz:programme', label: 'Heure du programme — Paris' },
      ],
    });
    const [preview, counts] = await staff.send({ choice: 'bc-tz:audience' }, { replies: 2 });
    expect(preview?.text).toBe(
      "Aperçu de l'annonce, telle que chacun la lira :\nAbidjan (1 lecteur, en français) : L'atelier du 6 avril commence à 15h00.",
    );
    expect(counts?.text).toContain('1 destinataire(s)');
    await staff.send({ choice: 'bc:now' });
    const [toAwa] = await awa.replies(1);
    expect(toAwa?.text).toBe("L'atelier du 6 avril commence à 15h00.");
    expect((await t.test.db.broadcast.findFirstOrThrow()).timesZone).toBe('Africa/Abidjan');
  });

  it("shows each city the programme's times on the day the text names, after Paris moves to summer time", async () => {
    await staff.send('annonce');
    await staff.send({ choice: 'bc-dim:all' });
    await staff.send('Atelier le 6 avril à 15h00.');
    const [preview] = await staff.send({ choice: 'bc:same' }, { replies: 2 });
    // On 6 April Paris is UTC+2: 15:00 there is 13:00 in Abidjan and 16:00 in Antananarivo.
    expect(preview?.text).toBe(
      [
        "Aperçu de l'annonce, telle que chacun la lira :",
        'Abidjan (1 lecteur, en français) : Atelier le 6 avril à 13h00 (heure locale).',
        'Antananarivo (1 lecteur, en français) : Atelier le 6 avril à 16h00 (heure locale).',
      ].join('\n'),
    );
    await staff.send({ choice: 'bc:now' });
    expect((await rivo.replies(1))[0]?.text).toBe('Atelier le 6 avril à 16h00 (heure locale).');
  });

  it('asks for the sending time with an example a person writes, and answers with a date a person reads', async () => {
    await staff.send('annonce');
    await staff.send({ choice: 'bc-dim:all' });
    await staff.send('Rappel : atelier samedi.');
    await staff.send({ choice: 'bc:same' }, { replies: 2 });
    const [when] = await staff.send({ choice: 'bc:later' });
    expect(when?.text).toBe("Quand l'envoyer ? Écrivez la date et l'heure de Paris, par exemple : 21/03/2027 10h00");
    const [scheduled] = await staff.send('27/03/2027 15h00');
    expect(scheduled?.text).toBe('Annonce programmée pour le samedi 27 mars 2027, 15:00 (heure de Paris).');
  });

  it('sums up each cohort in a sentence', async () => {
    const [summary] = await staff.send('stats');
    expect(summary?.text).toContain('Promotion 2027 : 2 participants, 2 actifs.');
  });
});
