import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseExercise, type ReleaseDependencies } from '../../src/jobs/release-exercise.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

type Reply = Awaited<ReturnType<SimulatedPerson['send']>>[number];

/** The id of the button labelled `label` in a message with choices. */
function button(message: Reply | undefined, label: string): string {
  const choices = message && 'choices' in message ? message.choices : [];
  const found = choices.find((choice) => choice.label === label);
  if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(message)}`);
  return found.id;
}

describe('a participant with two exercises open', () => {
  let t: TestApp;
  let awa: SimulatedPerson;
  let release: ReleaseDependencies;
  // Week 2's first question, a scale, as it was first sent.
  let scale: Reply | undefined;
  // Week 2's second question, a multi-choice, as it was asked last.
  let channels: Reply | undefined;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    awa = await SimulatedPerson.create(t, { name: 'Awa', role: 'participant', hub: 'abidjan' });
    release = { ...t.context, mediaDir: t.mediaDir };
    await releaseExercise(release, { exercise: 'semaine-2' });
    [, scale] = await awa.replies(2);
  });

  afterAll(async () => {
    await t.close();
  });

  it('stays in the exercise due first when another is released, and says the other one waits', async () => {
    await releaseExercise(release, { exercise: 'semaine-5' });
    const [intro, where] = await awa.replies(2);
    expect(intro?.text).toContain("Nouvel exercice : Travail d'équipe");
    expect(where?.text).toContain('Vous répondez à « Votre communauté ».');
    expect(where?.text).toContain(
      "« Travail d'équipe » est aussi ouvert, à rendre avant le dimanche 14 février 2027, 23:59 ; il vient après celui-ci.",
    );
    expect(where?.text).toContain('Question 1/3 : De 1 à 5');
  });

  it('reads a button against the question it was sent with', async () => {
    const [next] = await awa.send({ choice: button(scale, '4') });
    expect(next?.text).toContain('Question 2/3 : Par quels canaux');
    const week2 = await t.test.db.submission.findFirstOrThrow({
      where: { enrolment: { personId: awa.personId }, exercise: { key: 'semaine-2' } },
      include: { answers: true },
    });
    expect(week2.answers.map((a) => a.value)).toEqual([{ number: 4 }]);
  });

  it('names in PROGRESS the exercise the conversation asks, and the one waiting after it', async () => {
    const [progress] = await awa.send('progrès');
    expect(progress?.text).toContain('Prochaine échéance : « Votre communauté »');
    expect(progress?.text).toContain("« Travail d'équipe » est aussi ouvert");
  });

  it('says a question was already answered when its button is tapped again, and asks the current one', async () => {
    const [already, current] = await awa.send({ choice: button(scale, '2') }, { replies: 2 });
    expect(already?.text).toBe('Vous avez déjà répondu à cette question.');
    expect(current?.text).toContain('Question 2/3 : Par quels canaux');
    const answers = await t.test.db.answer.findMany({
      where: { submission: { enrolment: { personId: awa.personId } } },
    });
    expect(answers.map((a) => a.value)).toEqual([{ number: 4 }]);
  });

  it('names the exercise when it picks it up again', async () => {
    const [resumed] = await awa.send('bonjour');
    expect(resumed?.text).toContain('Vous répondez à « Votre communauté ».');
    expect(resumed?.text).toContain("« Travail d'équipe » est aussi ouvert");
    expect(resumed?.text).toContain('Question 2/3');
    channels = resumed;
  });

  it('goes on to the exercise waiting once the first is handed in, and refuses buttons of the one handed in', async () => {
    const [picked] = await awa.send({ choice: button(channels, 'Radio') });
    const [need] = await awa.send({ choice: button(picked, 'Terminé ✓') });
    const [saved] = await awa.send('Le transport');
    const [, confirm] = await awa.send({ choice: button(saved, 'Suivant ✓') }, { replies: 2 });
    const [receipt, next] = await awa.send({ choice: button(confirm, 'Envoyer ✓') }, { replies: 2 });
    expect(need?.text).toContain('Question 3/3');
    expect(receipt?.text).toMatch(/^✅ Reçu le/);
    expect(next?.text).toContain("Vous répondez à « Travail d'équipe ».");
    expect(next?.text).toContain('Question 1/3 : Envoyez une courte vidéo');

    const [handedIn, current] = await awa.send({ choice: button(confirm, 'Recommencer') }, { replies: 2 });
    expect(handedIn?.text).toBe('Vous avez déjà rendu « Votre communauté ».');
    expect(current?.text).toContain('Question 1/3 : Envoyez une courte vidéo');
    const week2 = await t.test.db.submission.findFirstOrThrow({
      where: { enrolment: { personId: awa.personId }, exercise: { key: 'semaine-2' } },
      include: { answers: true },
    });
    expect(week2).toMatchObject({ status: 'submitted', currentPosition: 3 });
    expect(week2.answers).toHaveLength(3);
  });
});

describe('PROGRESS during a pause', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
  });

  afterAll(async () => {
    await t.close();
  });

  it('says until when the person is paused and how to come back earlier', async () => {
    const ibrahim = await SimulatedPerson.create(t, { name: 'Ibrahim', role: 'participant', hub: 'abidjan' });
    expect((await ibrahim.send('PAUSE 7'))[0]?.text).toContain('pause jusqu');
    const [progress] = await ibrahim.send('progrès');
    expect(progress?.text).toMatch(/Vous êtes en pause jusqu'au lundi 23 novembre 2026, 10:0\d/);
    expect(progress?.text).toContain('Envoyez REPRENDRE pour revenir plus tôt.');
    await ibrahim.send('REPRENDRE');
    expect((await ibrahim.send('progrès'))[0]?.text).not.toContain('pause');
  });
});
