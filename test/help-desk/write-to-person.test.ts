import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import type { TestApp } from '../support/test-app.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

/** ÉCRIRE / WRITE: mentors and trainers write first to one of their people; a mentor's older buttons still work. */
describe('writing first to one of one’s people from chat', () => {
  let t: TestApp;
  let seeded: SeededCohort;
  let trainers: SeededTrainers;
  let diallo: SimulatedPerson;
  let aline: SimulatedPerson;

  beforeAll(async () => {
    // Daytime in every hub: nothing is held for the quiet hours, whatever the hour the test runs at.
    t = await startAdminTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    seeded = await seedCohort(t.test.db, SAMPLE_DAYTIME);
    trainers = await seedTrainers(t.test.db, seeded, SAMPLE_DAYTIME);
    diallo = await chatOf(seeded.mentorIds[0]);
    aline = await chatOf(trainers.bukavuTrainerId);
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

  it('lets a mentor pick one of their mentees and write to them; it is in the inbox', async () => {
    const [awaId, boubacarId, salmaId] = seeded.participantIds;
    const [list] = await diallo.send('écrire');
    expect(list).toMatchObject({
      kind: 'choices',
      text: 'À qui voulez-vous écrire ?',
      choices: [
        { id: `hd:to:${awaId}`, label: 'Awa' },
        { id: `hd:to:${boubacarId}`, label: 'Boubacar' },
        { id: `hd:to:${salmaId}`, label: 'Salma' },
      ],
    });
    expect((await diallo.send({ choice: `hd:to:${salmaId}` }))[0]?.text).toBe(
      'Écrivez votre message à Salma (texte, photo, message vocal ou document) :',
    );
    expect((await diallo.send('Salma, on fait le point vendredi ?'))[0]?.text).toBe('Message envoyé à Salma.');
    const salma = await chatOf(salmaId!);
    const [message] = await salma.replies(1);
    expect(message?.text).toBe('Message de votre mentor Mme Diallo :\n« Salma, on fait le point vendredi ? »');
    const conversation = await t.test.db.helpConversation.findFirstOrThrow({
      where: { personId: salmaId },
      include: { messages: true },
    });
    expect(conversation).toMatchObject({
      status: 'waiting',
      level: 'mentor',
      startedById: seeded.mentorIds[0],
      assigneeId: seeded.mentorIds[0],
    });
    expect(conversation.messages).toMatchObject([{ fromPerson: false, text: 'Salma, on fait le point vendredi ?' }]);
    expect(message).toMatchObject({ choices: [{ id: `hd:answer:${conversation.id}` }] });
  });

  it("lets a trainer write to one of their hub's participants, picked by number", async () => {
    const [list] = await aline.send('ÉCRIRE');
    const espoirId = seeded.participantIds[3];
    // Bukavu: Espoir (paused) and Josué, by name.
    expect(list).toMatchObject({
      choices: [
        { id: `hd:to:${espoirId}`, label: 'Espoir' },
        { id: `hd:to:${trainers.josueId}`, label: 'Josué' },
      ],
    });
    expect((await aline.send('3'))[0]?.text).toBe('Répondez par un numéro de 1 à 2, ou ANNULER.');
    expect((await aline.send('2'))[0]?.text).toContain('Écrivez votre message à Josué');
    await aline.send('Josué, la session de samedi est déplacée à 10 h.');
    const josue = await chatOf(trainers.josueId);
    expect((await josue.replies(1))[0]?.text).toBe(
      "Message d'Aline, de l'équipe de votre ville :\n« Josué, la session de samedi est déplacée à 10 h. »",
    );
    const conversation = await t.test.db.helpConversation.findFirstOrThrow({ where: { personId: trainers.josueId } });
    expect(conversation).toMatchObject({ level: 'trainer', startedById: trainers.bukavuTrainerId });
  });

  it('numbers a long list, and the number picks', async () => {
    const tunis = trainers.hubIds.tunis;
    const trainer = await t.test.db.person.create({
      data: {
        displayName: 'Leïla',
        roles: ['trainer'],
        locale: 'en',
        hubId: tunis,
        identities: { create: { channel: 'simulator', platformId: 'write-test-leila' } },
        enrolments: { create: { cohortId: seeded.cohortId, role: 'trainer' } },
        trainerHubs: { create: { cohortId: seeded.cohortId, hubId: tunis } },
      },
    });
    for (let index = 1; index <= 11; index++) {
      await t.test.db.person.create({
        data: {
          displayName: `Tunis ${String(index).padStart(2, '0')}`,
          roles: ['participant'],
          hubId: tunis,
          enrolments: { create: { cohortId: seeded.cohortId, role: 'participant' } },
        },
      });
    }
    const leila = new SimulatedPerson(t, 'write-test-leila', trainer.id);
    const [list] = await leila.send('write');
    expect(list?.kind).toBe('text');
    // Twelve people, by name: Salma, already in Tunis, then the eleven.
    expect(list?.text).toMatch(/^Who do you want to write to\? Answer with the number:\n1\. Salma\n2\. Tunis 01\n/);
    expect(list?.text).toContain('12. Tunis 11');
    expect((await leila.send('12'))[0]?.text).toBe(
      'Write your message to Tunis 11 (text, photo, voice note or document):',
    );
  });

  it("keeps a mentor's older Write and Reply buttons working, through the help desk", async () => {
    const awaId = seeded.participantIds[0]!;
    expect((await diallo.send({ choice: `reply:${awaId}` }))[0]?.text).toContain('Écrivez votre message à Awa');
    expect((await diallo.send('Bravo pour ton dernier exercice !'))[0]?.text).toBe('Message envoyé à Awa.');
    const awa = await chatOf(awaId);
    expect((await awa.replies(1))[0]?.text).toBe(
      'Message de votre mentor Mme Diallo :\n« Bravo pour ton dernier exercice ! »',
    );
    expect(await t.test.db.helpMessage.count({ where: { conversation: { personId: awaId }, fromPerson: false } })).toBe(
      1,
    );

    // M. Rakoto does not mentor Awa: the button is refused and nothing reaches her.
    const rakoto = await chatOf(seeded.mentorIds[1]);
    expect((await rakoto.send({ choice: `reply:${awaId}` }))[0]?.text).toContain('Vous ne pouvez plus écrire');
    expect((await rakoto.send({ choice: `hd:to:${awaId}` }))[0]?.text).toContain('Vous ne pouvez plus écrire');
  });

  it('tells staff to write from the inbox, and participants who the command is for', async () => {
    const claire = await chatOf(seeded.staffId);
    expect((await claire.send('écrire'))[0]?.text).toContain('boîte de réception du tableau de bord');
    const awa = await chatOf(seeded.participantIds[0]!);
    expect((await awa.send('écrire'))[0]?.text).toBe(
      "Cette commande est réservée aux mentors et aux formateurs et formatrices. Pour écrire à l'équipe, envoyez QUESTION.",
    );
  });
});
