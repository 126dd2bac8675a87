import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { milestonesDue } from '../../src/jobs/milestones-due.ts';
import { releaseExercise } from '../../src/jobs/release-exercise.ts';
import { assignMentor } from '../../src/store/mentoring/assign-mentor.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const PHOTO = Buffer.from('\xff\xd8\xff\xe0 team photo').toString('base64');
const VOICE = Buffer.from('OggS voice note').toString('base64');

describe('a milestone follow-up answered in chat', () => {
  let t: TestApp;
  let awa: SimulatedPerson;
  let mentor: SimulatedPerson;
  let blocked = '';
  let inProgress = '';

  beforeAll(async () => {
    // No repeating job runs in a test app: the milestone sweep is run below with clocks of its own,
    // and no check-in prompt, digest or slipping alert writes to the mentor in the middle of the test.
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    awa = await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    mentor = await SimulatedPerson.create(t, { name: 'Mme Diallo', role: 'mentor', hub: 'abidjan' });
    // Assigned weeks ago, so that the first milestone's date has passed (4 weeks: 29 November 2025).
    await assignMentor(t.test.db, {
      defaultLanguage: 'fr',
      mentorId: mentor.personId,
      menteeId: awa.personId,
      now: new Date('2025-11-01T12:00:00Z'),
      // Counted from that day, not from the sample programme's incubation.
      startsOn: '2025-11-01',
    });
  });

  afterAll(async () => {
    await t.close();
  });

  const milestone = (position: number) =>
    t.test.db.milestone.findFirstOrThrow({
      where: { position, actionPlan: { enrolment: { personId: awa.personId } } },
    });
  const answers = () =>
    t.test.db.answer.findMany({
      where: { submission: { enrolment: { personId: awa.personId } } },
      include: { question: { select: { key: true } } },
      orderBy: { answeredAt: 'asc' },
    });
  const toMentor = () => t.test.db.outboundMessage.count({ where: { personId: mentor.personId } });

  it('takes "blocked" in the middle of an exercise, tells the mentor at once, sends the note after, then asks the question again', async () => {
    await releaseExercise({ ...t.context, mediaDir: t.mediaDir }, { exercise: 'semaine-1' });
    expect((await awa.replies(2))[1]?.text).toContain('Question 1/3');

    const followUpTime = new Date('2025-12-01T12:00:00Z');
    expect(await milestonesDue.handle({}, { ...t.context, now: () => followUpTime })).toEqual({
      reminded: 0,
      followedUp: 1,
    });
    const [followUp] = await awa.replies(1);
    expect(followUp).toMatchObject({
      kind: 'choices',
      text: "L'étape « Premier jalon du plan d'action » était prévue pour le samedi 29 novembre 2025. Où en êtes-vous ?",
      choices: [{ label: 'Terminée' }, { label: 'En cours' }, { label: 'Bloquée' }],
    });
    [, inProgress, blocked] = (followUp as { choices: { id: string }[] }).choices.map((c) => c.id) as [
      string,
      string,
      string,
    ];

    expect((await awa.send({ choice: blocked }))[0]?.text).toContain("Qu'est-ce qui vous bloque ?");
    // Told on the press: leaving the note step another way (CANCEL, another button) loses nothing.
    expect((await mentor.replies(1))[0]?.text).toBe("Awa : l'étape « Premier jalon du plan d'action » est bloquée.");

    const note = 'La salle de réunion est indisponible.\nLa mairie ne répond pas.';
    const [thanks, question] = await awa.send(note, { replies: 2 });
    expect(thanks?.text).toBe('Merci : votre note est transmise à votre mentor, qui va vous contacter.');
    expect(question?.text).toContain('Question 1/3');
    expect((await mentor.replies(1))[0]?.text).toBe(
      `Awa : l'étape « Premier jalon du plan d'action » est bloquée : ${note}`,
    );
    expect(await milestone(1)).toMatchObject({ status: 'blocked', note, reportedById: awa.personId });

    // The exercise picks up where it was: the next text is the answer to question 1.
    expect((await awa.send('Je veux ouvrir les données de ma commune.'))[0]).toMatchObject({
      kind: 'choices',
      // The button says which question it answers.
      choices: [{ id: expect.stringMatching(/^ex:next#/) }],
    });
  });

  it('takes a typed "1" on an exercise choice question as the exercise answer, not as the milestone', async () => {
    expect((await awa.send({ choice: 'ex:next' }))[0]?.text).toContain('Question 2/3');
    expect((await awa.send('1'))[0]).toMatchObject({ kind: 'media-request', media: 'photo' });
    expect((await answers()).map((a) => [a.question.key, a.value])).toEqual([
      ['motivation', { text: 'Je veux ouvrir les données de ma commune.' }],
      ['stade', { choices: ['idee'] }],
    ]);
    expect((await milestone(1)).status).toBe('blocked');
  });

  it('gives the file the exercise asks for to the exercise when it comes in place of a note', async () => {
    const mentorMessages = await toMentor();
    expect((await awa.send({ choice: blocked }))[0]?.text).toContain("Qu'est-ce qui vous bloque ?");
    const [summary] = await awa.send({ media: { kind: 'photo', mimeType: 'image/jpeg', data: PHOTO } }, { replies: 2 });
    expect(summary?.text).toContain('Votre projet et votre motivation');
    expect((await answers()).map((a) => a.question.key)).toEqual(['motivation', 'stade', 'photo-equipe']);
    // "Blocked" again: the mentor already knows.
    expect(await toMentor()).toBe(mentorMessages);
  });

  it('gives an exercise button pressed in place of a note to the exercise', async () => {
    // Another answer first: the mentor hears of the change, and the summary comes back.
    const [saved, summary] = await awa.send({ choice: inProgress }, { replies: 3 });
    expect(saved?.text).toBe("C'est noté : « Premier jalon du plan d'action » est en cours. Votre mentor est prévenu.");
    expect(summary?.text).toContain('Votre projet et votre motivation');
    expect((await mentor.replies(1))[0]?.text).toBe("Awa : l'étape « Premier jalon du plan d'action » est en cours.");

    expect((await awa.send({ choice: blocked }))[0]?.text).toContain("Qu'est-ce qui vous bloque ?");
    await mentor.replies(1);
    expect((await awa.send({ choice: 'ex:confirm' }))[0]?.text).toContain('Reçu le');
    const submission = await t.test.db.submission.findFirstOrThrow({
      where: { enrolment: { personId: awa.personId }, exercise: { key: 'semaine-1' } },
    });
    expect(submission.status).toBe('submitted');
  });

  it('asks for a voice note blocker in writing, and keeps waiting for the note', async () => {
    expect((await awa.send({ choice: blocked }))[0]?.text).toContain("Qu'est-ce qui vous bloque ?");
    expect((await awa.send({ media: { kind: 'voice', mimeType: 'audio/ogg', data: VOICE } }))[0]?.text).toBe(
      "Écrivez ce qui vous bloque en texte, s'il vous plaît (ou touchez « Pas de note »).",
    );
    expect((await awa.send('Pas de salle.'))[0]?.text).toBe(
      'Merci : votre note est transmise à votre mentor, qui va vous contacter.',
    );
    expect((await mentor.replies(1))[0]?.text).toBe(
      "Awa : l'étape « Premier jalon du plan d'action » est bloquée : Pas de salle.",
    );
  });

  it('does not take a number sent after an exercise closed as an answer to the follow-up', async () => {
    await releaseExercise({ ...t.context, mediaDir: t.mediaDir }, { exercise: 'semaine-2' });
    expect((await awa.replies(2))[1]?.text).toContain('Question 1/');
    // The second milestone (13 weeks: 31 January 2026) is followed up while the exercise is open.
    const followUpTime = new Date('2026-02-03T12:00:00Z');
    expect(await milestonesDue.handle({}, { ...t.context, now: () => followUpTime })).toEqual({
      reminded: 0,
      followedUp: 1,
    });
    expect((await awa.replies(1))[0]?.text).toContain('Point à mi-parcours');

    // Back from days without a connection: the exercise has closed meanwhile.
    const week2 = await t.test.db.submission.findFirstOrThrow({
      where: { enrolment: { personId: awa.personId }, exercise: { key: 'semaine-2' } },
    });
    await t.test.db.submission.update({
      where: { id: week2.id },
      data: { deadlineAt: new Date(t.context.now().getTime() - 60 * 86_400_000) },
    });
    expect((await awa.send('4'))[0]?.text).toContain('Votre communauté');
    expect((await awa.send('2'))[0]?.text).toBe(t.context.translate('fr', 'common:nothing_pending'));
    expect(await milestone(2)).toMatchObject({ status: 'pending', reportedAt: null });
  });
});
