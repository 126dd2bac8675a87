import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askForHelp } from '../../src/store/help-desk/ask-for-help.ts';
import { findHelpAsker } from '../../src/store/help-desk/find-help-asker.ts';
import { seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import type { TestApp } from '../support/test-app.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

/** A 1×1 PNG. */
const PHOTO = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** The team answers from chat with the Reply button under a participant's message. */
describe('answering the help desk from chat', () => {
  let t: TestApp;
  let seeded: SeededCohort;
  let trainers: SeededTrainers;
  let aline: SimulatedPerson;
  let kouadio: SimulatedPerson;
  let josue: SimulatedPerson;

  beforeAll(async () => {
    // Daytime in every hub: nothing is held for the quiet hours, whatever the hour the test runs at.
    t = await startAdminTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    seeded = await seedCohort(t.test.db, SAMPLE_DAYTIME);
    trainers = await seedTrainers(t.test.db, seeded, SAMPLE_DAYTIME);
    aline = await chatOf(trainers.bukavuTrainerId);
    kouadio = await chatOf(trainers.westTrainerId);
    josue = await chatOf(trainers.josueId);
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

  /** The participant's question, as the help desk stores it (the chat side is tested elsewhere). */
  async function ask(personId: string, text: string): Promise<string> {
    const asker = await findHelpAsker(t.test.db, personId);
    const now = t.context.now();
    const result = await t.test.db.$transaction((tx) =>
      askForHelp(tx, asker!, { text, mediaFileId: null, sentAt: now }, now),
    );
    return result!.conversationId;
  }

  it("passes a trainer's text answer to the participant in their language, with a button to write back", async () => {
    const conversationId = await ask(trainers.josueId, "je n'arrive pas à ouvrir la vidéo");
    expect((await aline.send({ choice: `hd:reply:${conversationId}` }))[0]?.text).toBe(
      'Écrivez votre réponse à Josué (texte, photo, message vocal ou document) :',
    );
    expect((await aline.send('Essayez depuis la salle du hub, le wifi y est meilleur.'))[0]?.text).toBe(
      'Réponse envoyée à Josué.',
    );
    const [answer] = await josue.replies(1);
    expect(answer).toMatchObject({
      kind: 'choices',
      text: "Réponse d'Aline, de l'équipe de votre ville :\n« Essayez depuis la salle du hub, le wifi y est meilleur. »",
      choices: [{ id: `hd:answer:${conversationId}`, label: 'Répondre' }],
    });
    const conversation = await t.test.db.helpConversation.findUniqueOrThrow({
      where: { id: conversationId },
      include: { messages: { orderBy: { sentAt: 'asc' } } },
    });
    expect(conversation).toMatchObject({ status: 'waiting', assigneeId: trainers.bukavuTrainerId });
    expect(conversation.messages.map((m) => [m.fromPerson, m.authorId])).toEqual([
      [true, trainers.josueId],
      [false, trainers.bukavuTrainerId],
    ]);
    expect(
      await t.test.db.outboundMessage.count({ where: { personId: trainers.josueId, purpose: 'help_answer' } }),
    ).toBe(1);
  });

  it('passes a photo with its caption, the file first', async () => {
    const conversationId = await ask(trainers.josueId, 'Et le formulaire, je ne le vois pas.');
    await aline.send({ choice: `hd:reply:${conversationId}` });
    const photo = { media: { kind: 'photo', mimeType: 'image/png', data: PHOTO, caption: 'Le bouton est ici.' } };
    expect((await aline.send(photo))[0]?.text).toBe('Réponse envoyée à Josué.');
    const [file, words] = await josue.replies(2);
    const message = await t.test.db.helpMessage.findFirstOrThrow({
      where: { conversationId, fromPerson: false, mediaFileId: { not: null } },
    });
    expect(file).toMatchObject({ kind: 'media', media: 'photo', mediaFileId: message.mediaFileId });
    expect(words?.text).toBe("Réponse d'Aline, de l'équipe de votre ville :\n« Le bouton est ici. »");
    expect(message.text).toBe('Le bouton est ici.');
  });

  it("lets a trainer answer only their hubs' people: Kouadio cannot answer Josué", async () => {
    const conversationId = await ask(trainers.josueId, 'Merci, et pour la session de jeudi ?');
    expect((await kouadio.send({ choice: `hd:reply:${conversationId}` }))[0]?.text).toBe(
      'You can no longer answer this conversation: the person may have another mentor, or have moved to another city. Nothing was sent.',
    );
    // What he writes next is no answer to anyone.
    await kouadio.send('Hello?');
    const messages = await t.test.db.helpMessage.count({ where: { conversationId, authorId: trainers.westTrainerId } });
    expect(messages).toBe(0);
  });

  it('answers in English for an English speaker, even after her mentor answered (the team shares it)', async () => {
    const fatouId = seeded.participantIds[5]!;
    const fatou = await chatOf(fatouId);
    const conversationId = await ask(fatouId, 'Where is the workshop on Saturday?');
    const rakoto = await chatOf(seeded.mentorIds[1]);
    await rakoto.send({ choice: `hd:reply:${conversationId}` });
    expect((await rakoto.send("À l'espace du hub d'Abidjan."))[0]?.text).toBe('Réponse envoyée à Fatou.');
    expect((await fatou.replies(1))[0]?.text).toBe(
      "Answer from your mentor M. Rakoto:\n“À l'espace du hub d'Abidjan.”",
    );
    // Kouadio runs Abidjan: he may add to it, as her city's team.
    await kouadio.send({ choice: `hd:reply:${conversationId}` });
    expect((await kouadio.send('Room 2, at 9:00.'))[0]?.text).toBe('Answer sent to Fatou.');
    expect((await fatou.replies(1))[0]?.text).toBe("Message from Kouadio, of your city's team:\n“Room 2, at 9:00.”");
  });

  it('sends nothing once the person is no longer theirs to answer, and says so', async () => {
    const conversationId = await ask(trainers.josueId, 'Une dernière question.');
    await aline.send({ choice: `hd:reply:${conversationId}` });
    await t.test.db.trainerHub.updateMany({
      where: { personId: trainers.bukavuTrainerId },
      data: { endedAt: t.context.now() },
    });
    expect((await aline.send('Voici la réponse.'))[0]?.text).toContain('Vous ne pouvez plus répondre');
    expect(await t.test.db.helpMessage.count({ where: { conversationId, text: 'Voici la réponse.' } })).toBe(0);
    await t.test.db.trainerHub.updateMany({ where: { personId: trainers.bukavuTrainerId }, data: { endedAt: null } });
  });

  it('reads a keyword typed as the answer as asked, and HELP leaves the answer waiting', async () => {
    const conversationId = await ask(trainers.josueId, 'Vous êtes là ?');
    await aline.send({ choice: `hd:reply:${conversationId}` });
    expect((await aline.send('aide'))[0]?.text).toContain('PARTICIPANTS');
    const [asked] = await aline.send('Bonjour');
    expect(asked).toMatchObject({ kind: 'choices', choices: [{ id: 'aoc:answer' }, { id: 'aoc:command' }] });
    expect((await aline.send({ choice: 'aoc:answer' }))[0]?.text).toBe('Réponse envoyée à Josué.');
    expect((await josue.replies(1))[0]?.text).toBe("Réponse d'Aline, de l'équipe de votre ville :\n« Bonjour »");
  });

  it('takes a thank-you after the answer as thanks: nothing reopens or escalates, a real follow-up does', async () => {
    const conversationId = await ask(trainers.josueId, 'Où est le lien de la session ?');
    await aline.send({ choice: `hd:reply:${conversationId}` });
    await aline.send('Dans le message de lundi, tout en bas.');
    await josue.replies(1);
    const [reply] = await josue.send('Merci beaucoup 🙏');
    expect(reply?.text).toBe('Avec plaisir ! Si vous avez une autre question, écrivez-la ici ou envoyez QUESTION.');
    // Aline, who answered, sees it; the conversation still waits for Josué and has no deadline to escalate.
    expect((await aline.replies(1))[0]?.text).toContain('Merci beaucoup 🙏');
    const thanked = await t.test.db.helpConversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(thanked).toMatchObject({ status: 'waiting', assigneeId: trainers.bukavuTrainerId, escalateAt: null });

    const [followUp] = await josue.send("Merci, mais je ne le trouve pas : c'était bien lundi ?");
    expect(followUp?.text).toContain("C'est transmis à");
    const reopened = await t.test.db.helpConversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(reopened.status).toBe('open');
    expect(reopened.escalateAt).not.toBeNull();
  });
});
