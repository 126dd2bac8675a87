import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCohort, type SeededCohort } from '../support/admin-app.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import type { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';
import { addParticipant, buttonIds, chatAs } from './participant-chat.ts';

/** Keywords typed while writing to the help desk, and the help desk in English. */
describe('the help desk with keywords, and in English', () => {
  let t: TestApp;
  let seeded: SeededCohort;
  let trainers: SeededTrainers;
  let aline: SimulatedPerson;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    seeded = await seedCohort(t.test.db, SAMPLE_DAYTIME);
    trainers = await seedTrainers(t.test.db, seeded, SAMPLE_DAYTIME);
    aline = await chatAs(t, trainers.bukavuTrainerId);
  });

  afterAll(async () => {
    await t.close();
  });

  const newcomer = async (name: string, hub: keyof SeededTrainers['hubIds'], locale: 'fr' | 'en') => {
    const id = await addParticipant(t.test.db, seeded, trainers, { name, hub, locale }, SAMPLE_DAYTIME);
    return { id, chat: await chatAs(t, id) };
  };
  const conversations = (personId: string) =>
    t.test.db.helpConversation.findMany({ where: { personId }, include: { messages: true } });

  it('asks whether "Pause" typed as the question is the question, and sends it once they say so', async () => {
    const { id, chat } = await newcomer('Esther', 'bukavu', 'fr');
    await chat.send('QUESTION');
    const [asked] = await chat.send('Pause');
    expect(asked?.text).toContain('Vous avez écrit « Pause »');
    expect(buttonIds(asked)).toEqual(['aoc:answer', 'aoc:command']);
    expect((await chat.send({ choice: 'aoc:answer' }))[0]?.text).toContain(
      "C'est transmis à l'équipe de Bukavu (Aline).",
    );
    expect((await aline.replies(1))[0]?.text).toContain('« Pause »');
    expect((await t.test.db.enrolment.findFirstOrThrow({ where: { personId: id } })).status).toBe('active');

    // "Question" typed as the question is asked about as well, and named as the command it is.
    await chat.send('QUESTION');
    expect((await chat.send('Question'))[0]?.text).toContain('la commande QUESTION (poser une question à l');
  });

  it('answers AIDE and MES DONNÉES and keeps the question open; ANNULER sends nothing', async () => {
    const { id, chat } = await newcomer('Fidèle', 'bukavu', 'fr');
    await chat.send('QUESTION');
    expect((await chat.send('AIDE'))[0]?.text).toContain('• QUESTION : poser une question à l');
    expect((await chat.send('MES DONNÉES'))[0]?.text).toContain('Voici ce que je garde sur vous');
    expect((await chat.send('ANNULER'))[0]?.text).toBe("C'est annulé : rien n'a été envoyé à l'équipe.");
    expect(await conversations(id)).toEqual([]);

    // While asked whether to send, ANNULER drops the words kept too.
    await chat.send('Une question sur mon projet');
    expect((await chat.send('annuler'))[0]?.text).toBe("C'est annulé : rien n'a été envoyé à l'équipe.");
    expect((await chat.send({ choice: 'hd:send:yes' }))[0]?.text).toContain("n'est plus valable");
    expect(await conversations(id)).toEqual([]);
  });

  it('stops at STOP while a question is being written, and sends nothing', async () => {
    const { id, chat } = await newcomer('Gloire', 'bukavu', 'fr');
    await chat.send('HUMAIN');
    expect((await chat.send('STOP'))[0]?.text).toContain('vous ne recevrez plus de messages');
    expect((await chat.send('Je voulais demander…'))[0]?.text).toContain('Vous avez demandé STOP');
    expect(await conversations(id)).toEqual([]);
  });

  it('keeps words written while asked, and sends them all once confirmed', async () => {
    const { id, chat } = await newcomer('Héritier', 'bukavu', 'fr');
    await chat.send('La vidéo ne se lance pas');
    const [more] = await chat.send('Sur mon téléphone');
    expect(more?.text).toBe(
      "C'est gardé avec votre message précédent. Voulez-vous que je transmette le tout à l'équipe de Bukavu (Aline) ?",
    );
    await chat.send({ choice: 'hd:send:yes' });
    const relayed = await aline.replies(2);
    expect(relayed.map((m) => m.text)).toEqual([
      expect.stringContaining('« La vidéo ne se lance pas »'),
      expect.stringContaining('« Sur mon téléphone »'),
    ]);
    expect((await conversations(id))[0]?.messages).toHaveLength(2);
  });

  it('speaks English to Kofi and to Kouadio, his hub’s trainer', async () => {
    const { id, chat } = await newcomer('Kofi', 'abidjan', 'en');
    const kouadio = await chatAs(t, trainers.westTrainerId);
    expect((await chat.send('HELP DESK'))[0]?.text).toBe(
      'Write your question (a text, a photo, a voice note, a video or a document): I will pass it to the Abidjan team (Kouadio). To give up, send CANCEL.',
    );
    expect((await chat.send('I cannot open the video'))[0]?.text).toBe(
      'Passed on to the Abidjan team (Kouadio). An answer usually comes within 24 hours; you will get it here.',
    );
    const [relayed] = await kouadio.replies(1);
    const [conversation] = await conversations(id);
    expect(relayed).toEqual({
      kind: 'choices',
      text: 'Question from Kofi (Abidjan), a participant of your hub:\n“I cannot open the video”',
      choices: [{ id: `hd:reply:${conversation!.id}`, label: 'Reply' }],
    });

    expect((await chat.send('MENTOR'))[0]?.text).toContain(
      'No mentor has been assigned to you yet. You can still ask your question',
    );
    expect((await chat.send('CANCEL'))[0]?.text).toBe('Cancelled: nothing was sent to the team.');
  });

  it('asks Fatou in English before sending to her mentor, who reads it in French', async () => {
    const fatou = await chatAs(t, seeded.participantIds[5]!);
    const rakoto = await chatAs(t, seeded.mentorIds[1]);
    const [asked] = await fatou.send('Thank you');
    expect(asked?.text).toBe('Shall I pass this message on to your mentor M. Rakoto? I only send it if you say so.');
    expect(asked?.kind === 'choices' && asked.choices.map((c) => c.label)).toEqual(['Yes, send it', 'No thanks']);
    expect((await fatou.send({ choice: 'hd:send:no' }))[0]?.text).toBe(
      'All right, I have sent nothing. To write to the team later, send HELP DESK.',
    );
    expect(await conversations(seeded.participantIds[5]!)).toEqual([]);

    await fatou.send('When is the workshop in Abidjan?');
    expect((await fatou.send({ choice: 'hd:send:yes' }))[0]?.text).toBe(
      'Passed on to your mentor M. Rakoto. An answer usually comes within 24 hours; you will get it here.',
    );
    expect((await rakoto.replies(1))[0]?.text).toBe(
      'Message de votre mentoré·e Fatou (Abidjan) :\n« When is the workshop in Abidjan? »',
    );
  });
});
