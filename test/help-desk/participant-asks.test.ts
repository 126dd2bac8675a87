import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerHelpConversation } from '../../src/store/help-desk/answer-help-conversation.ts';
import { seedCohort, type SeededCohort } from '../support/admin-app.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import type { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';
import { addParticipant, buttonIds, chatAs } from './participant-chat.ts';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const SENT_TO_BUKAVU =
  "C'est transmis à l'équipe de Bukavu (Aline). Une réponse arrive en général dans les 24 heures ; elle vous parviendra ici.";

/** A participant reaches a human from chat: who answers, what is asked first, what goes straight in. */
describe('a participant asks the help desk, in French', () => {
  let t: TestApp;
  let seeded: SeededCohort;
  let trainers: SeededTrainers;
  let josue: SimulatedPerson;
  let aline: SimulatedPerson;
  let diallo: SimulatedPerson;
  let claire: SimulatedPerson;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    seeded = await seedCohort(t.test.db, SAMPLE_DAYTIME);
    trainers = await seedTrainers(t.test.db, seeded, SAMPLE_DAYTIME);
    josue = await chatAs(t, trainers.josueId);
    aline = await chatAs(t, trainers.bukavuTrainerId);
    diallo = await chatAs(t, seeded.mentorIds[0]);
    claire = await chatAs(t, seeded.staffId);
  });

  afterAll(async () => {
    await t.close();
  });

  const conversationsOf = (personId: string) =>
    t.test.db.helpConversation.findMany({ where: { personId }, include: { messages: { orderBy: { sentAt: 'asc' } } } });

  it('gives an exercise back after a question asked in the middle of it', async () => {
    // Salma is in the middle of the open exercise; her mentor is Mme Diallo.
    const salma = await chatAs(t, seeded.participantIds[2]!);
    const [question] = await salma.send('bonjour');
    expect(await t.test.db.conversationState.findUnique({ where: { personId: salma.personId } })).toMatchObject({
      flow: 'exercise',
    });
    expect((await salma.send('aide humaine'))[0]?.text).toContain('Mme Diallo');
    const replies = await salma.send('Je ne comprends pas la première question.');
    expect(replies[0]?.text).toContain("C'est transmis à votre mentor Mme Diallo.");
    // The exercise's question comes again, and the next answer goes to it.
    expect(replies.at(-1)?.text).toBe(question?.text);
    expect(await t.test.db.conversationState.findUnique({ where: { personId: salma.personId } })).toMatchObject({
      flow: 'exercise',
    });
    const [relayed] = await diallo.replies(1);
    expect(relayed?.text).toContain('Je ne comprends pas la première question.');
  });

  it("asks Josué once whether his words are for the team, then Bukavu's trainer gets them with a Reply button", async () => {
    const [asked] = await josue.send("je n'arrive pas à ouvrir la vidéo");
    expect(asked?.text).toBe(
      "Voulez-vous que je transmette ce message à l'équipe de Bukavu (Aline) ? Je ne l'envoie que si vous me le confirmez.",
    );
    expect(buttonIds(asked)).toEqual(['hd:send:yes', 'hd:send:no']);
    expect(await conversationsOf(trainers.josueId)).toEqual([]);

    expect((await josue.send({ choice: 'hd:send:yes' }))[0]?.text).toBe(SENT_TO_BUKAVU);
    const [conversation] = await conversationsOf(trainers.josueId);
    expect(conversation).toMatchObject({ status: 'open', level: 'trainer', assigneeId: null });
    expect(conversation?.messages.map((m) => m.text)).toEqual(["je n'arrive pas à ouvrir la vidéo"]);
    const [relayed] = await aline.replies(1);
    expect(relayed).toEqual({
      kind: 'choices',
      text: "Question de Josué (Bukavu), participant·e de votre hub :\n« je n'arrive pas à ouvrir la vidéo »",
      choices: [{ id: `hd:reply:${conversation!.id}`, label: 'Répondre' }],
    });
    // The same button tapped again sends nothing twice.
    expect((await josue.send({ choice: 'hd:send:yes' }))[0]?.text).toContain("n'est plus valable");
    expect((await conversationsOf(trainers.josueId))[0]?.messages).toHaveLength(1);
  });

  it('sends his next words straight into the conversation once the team has answered, and his answer after Reply', async () => {
    const [conversation] = await conversationsOf(trainers.josueId);
    await t.test.db.$transaction((tx) =>
      answerHelpConversation(tx, {
        conversationId: conversation!.id,
        authorId: trainers.bukavuTrainerId,
        authorLevel: 'trainer',
        message: { text: 'Essayez avec le wifi du hub.', mediaFileId: null, sentAt: t.context.now() },
        now: t.context.now(),
      }),
    );
    const [passed] = await josue.send('Merci, ça marche maintenant !');
    expect(passed?.text).toBe(
      "C'est transmis à l'équipe de Bukavu (Aline), à la suite de votre échange. La réponse vous parviendra ici.",
    );
    expect((await aline.replies(1))[0]?.text).toContain('« Merci, ça marche maintenant ! »');

    const [write] = await josue.send({ choice: `hd:answer:${conversation!.id}` });
    expect(write?.text).toBe(
      "Écrivez votre réponse (un texte, une photo, une note vocale, une vidéo ou un document) : je la transmets à l'équipe de Bukavu (Aline). Pour renoncer, envoyez ANNULER.",
    );
    expect((await josue.send('Et pour le deuxième module ?'))[0]?.text).toBe(SENT_TO_BUKAVU);
    expect((await aline.replies(1))[0]?.text).toContain('« Et pour le deuxième module ? »');
    const after = await conversationsOf(trainers.josueId);
    expect(after).toHaveLength(1);
    expect(after[0]?.messages.map((m) => [m.fromPerson, m.text])).toEqual([
      [true, "je n'arrive pas à ouvrir la vidéo"],
      [false, 'Essayez avec le wifi du hub.'],
      [true, 'Merci, ça marche maintenant !'],
      [true, 'Et pour le deuxième module ?'],
    ]);
    // Someone else's conversation cannot be written into.
    const other = await addParticipant(
      t.test.db,
      seeded,
      trainers,
      { name: 'Mireille', hub: 'bukavu', locale: 'fr' },
      SAMPLE_DAYTIME,
    );
    expect((await (await chatAs(t, other)).send({ choice: `hd:answer:${conversation!.id}` }))[0]?.text).toContain(
      "n'est plus valable",
    );
  });

  it('opens no conversation for a greeting, nor for a thank-you the person keeps back', async () => {
    const id = await addParticipant(
      t.test.db,
      seeded,
      trainers,
      { name: 'Chantal', hub: 'bukavu', locale: 'fr' },
      SAMPLE_DAYTIME,
    );
    const chantal = await chatAs(t, id);
    const [greeted] = await chantal.send('Bonjour');
    expect(greeted?.text).toContain('Voici ce que vous pouvez');
    expect(buttonIds(greeted)).toEqual([]);
    const [asked] = await chantal.send('Merci');
    expect(buttonIds(asked)).toEqual(['hd:send:yes', 'hd:send:no']);
    expect((await chantal.send({ choice: 'hd:send:no' }))[0]?.text).toBe(
      "D'accord, je n'ai rien envoyé. Pour écrire à l'équipe plus tard, envoyez QUESTION.",
    );
    expect(await conversationsOf(id)).toEqual([]);
    // A bare number answers a list no longer shown: it is not a question either.
    expect((await chantal.send('2'))[0]?.text).toBe(t.context.translate('fr', 'common:nothing_pending'));
  });

  it('takes QUESTION typed while asked whether to send as a yes: what was written goes, nothing is lost', async () => {
    const id = await addParticipant(
      t.test.db,
      seeded,
      trainers,
      { name: 'Espérance', hub: 'bukavu', locale: 'fr' },
      SAMPLE_DAYTIME,
    );
    const esperance = await chatAs(t, id);
    expect(buttonIds((await esperance.send('Le lien du formulaire ne marche pas'))[0])).toEqual([
      'hd:send:yes',
      'hd:send:no',
    ]);
    expect((await esperance.send('QUESTION'))[0]?.text).toBe(SENT_TO_BUKAVU);
    const [conversation] = await conversationsOf(id);
    expect(conversation?.messages.map((m) => m.text)).toEqual(['Le lien du formulaire ne marche pas']);
    expect((await aline.replies(1))[0]?.text).toContain('Le lien du formulaire ne marche pas');
    expect(await t.test.db.conversationState.findUnique({ where: { personId: id } })).toBeNull();
  });

  it('relays a photo sent outside any dialogue, once confirmed, file first', async () => {
    const id = await addParticipant(
      t.test.db,
      seeded,
      trainers,
      { name: 'Patience', hub: 'bukavu', locale: 'fr' },
      SAMPLE_DAYTIME,
    );
    const patience = await chatAs(t, id);
    const [asked] = await patience.send({ media: { kind: 'photo', mimeType: 'image/png', data: PNG } });
    expect(asked?.text).toBe(
      "Voulez-vous que je transmette ce fichier à l'équipe de Bukavu (Aline) ? Je ne l'envoie que si vous me le confirmez.",
    );
    expect((await patience.send({ choice: 'hd:send:yes' }))[0]?.text).toBe(SENT_TO_BUKAVU);
    const file = await t.test.db.mediaFile.findFirstOrThrow({ where: { personId: id } });
    const [photo, words] = await aline.replies(2);
    expect(photo).toEqual({ kind: 'media', media: 'photo', mediaFileId: file.id });
    expect(words?.text).toBe('Question de Patience (Bukavu), participant·e de votre hub :\n(fichier ci-dessus)');
    const [conversation] = await conversationsOf(id);
    expect(conversation?.messages.map((m) => m.mediaFileId)).toEqual([file.id]);
  });

  it("routes QUESTION to the participant's mentor, who takes it", async () => {
    const awa = await chatAs(t, seeded.participantIds[0]!);
    expect((await awa.send('QUESTION'))[0]?.text).toBe(
      'Écrivez votre question (un texte, une photo, une note vocale, une vidéo ou un document) : je la transmets à votre mentor Mme Diallo. Pour renoncer, envoyez ANNULER.',
    );
    expect((await awa.send('Où trouver le lien de la session ?'))[0]?.text).toBe(
      "C'est transmis à votre mentor Mme Diallo. Une réponse arrive en général dans les 24 heures ; elle vous parviendra ici.",
    );
    const [relayed] = await diallo.replies(1);
    expect(relayed?.text).toBe('Message de votre mentoré·e Awa (Abidjan) :\n« Où trouver le lien de la session ? »');
    const [conversation] = await conversationsOf(seeded.participantIds[0]!);
    expect(conversation).toMatchObject({ level: 'mentor', assigneeId: seeded.mentorIds[0] });
    expect(buttonIds(relayed)).toEqual([`hd:reply:${conversation!.id}`]);
  });

  it('routes QUESTION to the programme team when there is neither a mentor nor a trainer in the hub', async () => {
    const id = await addParticipant(
      t.test.db,
      seeded,
      trainers,
      { name: 'Yasmine', hub: 'tunis', locale: 'fr' },
      SAMPLE_DAYTIME,
    );
    const yasmine = await chatAs(t, id);
    expect((await yasmine.send('aide humaine'))[0]?.text).toContain("je la transmets à l'équipe du programme.");
    expect((await yasmine.send('Quand commence la formation ?'))[0]?.text).toBe(
      "C'est transmis à l'équipe du programme. Une réponse arrive en général dans les 24 heures ; elle vous parviendra ici.",
    );
    expect((await claire.replies(1))[0]?.text).toBe(
      "Question de Yasmine (Tunis) pour l'équipe du programme :\n« Quand commence la formation ? »",
    );
    expect((await conversationsOf(id))[0]).toMatchObject({ level: 'staff', status: 'open' });
  });

  it('sends MENTOR through the help desk to the mentor, and offers the help desk when there is no mentor', async () => {
    const boubacar = await chatAs(t, seeded.participantIds[1]!);
    expect((await boubacar.send('MENTOR'))[0]?.text).toBe(
      'Écrivez votre message pour Mme Diallo : je le lui transmets.',
    );
    expect((await boubacar.send('Pouvons-nous parler de mon budget ?'))[0]?.text).toContain(
      "C'est transmis à votre mentor Mme Diallo.",
    );
    expect((await diallo.replies(1))[0]?.text).toBe(
      'Message de votre mentoré·e Boubacar (Ouagadougou) :\n« Pouvons-nous parler de mon budget ? »',
    );
    expect((await conversationsOf(seeded.participantIds[1]!))[0]).toMatchObject({ level: 'mentor', status: 'open' });

    const id = await addParticipant(
      t.test.db,
      seeded,
      trainers,
      { name: 'Grâce', hub: 'bukavu', locale: 'fr' },
      SAMPLE_DAYTIME,
    );
    const grace = await chatAs(t, id);
    expect((await grace.send('mentor'))[0]?.text).toBe(
      "Aucun mentor ne vous est encore attribué. Vous pouvez tout de même poser votre question : écrivez-la ici (un texte, une photo, une note vocale, une vidéo ou un document) et je la transmets à l'équipe de Bukavu (Aline). Pour renoncer, envoyez ANNULER.",
    );
    expect((await grace.send('ANNULER'))[0]?.text).toBe("C'est annulé : rien n'a été envoyé à l'équipe.");
    expect(await conversationsOf(id)).toEqual([]);
  });

  it('says so, and keeps nothing, when nobody at all can answer', async () => {
    const id = await addParticipant(
      t.test.db,
      seeded,
      trainers,
      { name: 'Sana', hub: 'tunis', locale: 'fr' },
      SAMPLE_DAYTIME,
    );
    const sana = await chatAs(t, id);
    await t.test.db.enrolment.updateMany({ where: { personId: seeded.staffId }, data: { status: 'stopped' } });
    try {
      expect((await sana.send('QUESTION'))[0]?.text).toBe(
        "Je ne trouve personne de l'équipe pour vous répondre en ce moment : votre message n'a pas été transmis. Réessayez un peu plus tard, s'il vous plaît.",
      );
      // Written anyway, outside any dialogue: not kept for a team that does not exist.
      expect((await sana.send('Il y a quelqu’un ?'))[0]?.text).toBe(
        t.context.translate('fr', 'common:nothing_pending'),
      );
      expect(await conversationsOf(id)).toEqual([]);
    } finally {
      await t.test.db.enrolment.updateMany({ where: { personId: seeded.staffId }, data: { status: 'active' } });
    }
  });
});
