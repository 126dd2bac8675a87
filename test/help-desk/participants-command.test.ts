import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import type { TestApp } from '../support/test-app.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

/** PARTICIPANTS: a trainer's hubs' participants at a glance, and only theirs. */
describe('a trainer’s participants in chat', () => {
  let t: TestApp;
  let seeded: SeededCohort;
  let trainers: SeededTrainers;

  beforeAll(async () => {
    t = await startAdminTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    seeded = await seedCohort(t.test.db, SAMPLE_DAYTIME);
    trainers = await seedTrainers(t.test.db, seeded, SAMPLE_DAYTIME);
  });

  afterAll(async () => {
    await t.close();
  });

  const chats = new Map<string, SimulatedPerson>();
  /** The seeded person's simulator chat, one per person (it counts what they have read). */
  async function chatOf(personId: string): Promise<SimulatedPerson> {
    const identity = await t.test.db.channelIdentity.findFirstOrThrow({ where: { personId } });
    const chat = chats.get(personId) ?? new SimulatedPerson(t, identity.platformId, personId);
    chats.set(personId, chat);
    return chat;
  }

  it('lists only Bukavu for Aline, with status, exercises and last message', async () => {
    const aline = await chatOf(trainers.bukavuTrainerId);
    const [list] = await aline.send('participants');
    const lines = list?.text?.split('\n');
    expect(lines?.[0]).toBe('Les participant·es de vos villes :');
    // Espoir: T L M M M on the five past exercises, paused; the sixth is open, not yet due.
    expect(lines?.[1]).toMatch(
      /^• Espoir \(Bukavu, en pause\) : 2 rendu\(s\) dont 1 en retard, 3 manquant\(s\) ; dernier message : .+2026/,
    );
    expect(lines?.[2]).toMatch(/^• Josué \(Bukavu, actif·ve\) : 0 rendu\(s\) dont 0 en retard, 0 manquant\(s\)/);
    expect(lines).toHaveLength(3);
    for (const other of ['Awa', 'Boubacar', 'Salma', 'Rivo', 'Fatou']) expect(list?.text).not.toContain(other);
  });

  it('lists Abidjan and Ouagadougou for Kouadio, in English, with MY PARTICIPANTS', async () => {
    const kouadio = await chatOf(trainers.westTrainerId);
    const [list] = await kouadio.send('my participants');
    expect(list?.text).toContain('The participants of your cities:');
    expect(list?.text).toContain('• Awa (Abidjan, active): 5 handed in, 0 of them late, 0 missing');
    expect(list?.text).toContain('• Boubacar (Ouagadougou, active)');
    expect(list?.text).toContain('• Fatou (Abidjan, selected)');
    expect(list?.text).not.toContain('Espoir');
    expect(list?.text).not.toContain('Josué');
  });

  it('refuses others clearly, pointing a mentor to MENTEES', async () => {
    const diallo = await chatOf(seeded.mentorIds[0]);
    expect((await diallo.send('participants'))[0]?.text).toContain('envoyez MENTORÉS');
    const awa = await chatOf(seeded.participantIds[0]!);
    expect((await awa.send('participants'))[0]?.text).toBe(
      'Cette commande est réservée aux formateurs et formatrices des villes.',
    );
  });

  it('tells a trainer what they can do with HELP', async () => {
    const aline = await chatOf(trainers.bukavuTrainerId);
    const [help] = await aline.send('aide');
    for (const word of ['PARTICIPANTS', 'ÉCRIRE', '« Répondre »', 'TABLEAU DE BORD', 'AGENDA']) {
      expect(help?.text).toContain(word);
    }
  });
});
