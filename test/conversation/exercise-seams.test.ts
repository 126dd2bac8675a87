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

const labels = (message: Reply | undefined) =>
  (message && 'choices' in message ? message.choices : []).map((c) => c.label);

describe('the seams of the exercise dialogue', () => {
  let t: TestApp;
  // Each test's participant, with week 2's first question (a scale) as it was sent to them.
  const people = new Map<string, { person: SimulatedPerson; scale: Reply | undefined }>();

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    for (const name of ['Awa', 'Binta', 'Chloé', 'Dara']) {
      people.set(name, {
        person: await SimulatedPerson.create(t, { name, role: 'participant', hub: 'abidjan' }),
        scale: undefined,
      });
    }
    const release: ReleaseDependencies = { ...t.context, mediaDir: t.mediaDir };
    await releaseExercise(release, { exercise: 'semaine-2' });
    for (const entry of people.values()) [, entry.scale] = await entry.person.replies(2);
  });

  afterAll(async () => {
    await t.close();
  });

  /** The participant `name`, brought to week 2's third question (text, required). */
  async function atTheTextQuestion(name: string): Promise<SimulatedPerson> {
    const { person, scale } = people.get(name)!;
    const [channels] = await person.send({ choice: button(scale, '4') });
    const [picked] = await person.send({ choice: button(channels, 'Radio') });
    const [need] = await person.send({ choice: button(picked, 'Terminé ✓') });
    expect(need?.text).toContain('Question 3/3');
    return person;
  }

  async function needAnswer(person: SimulatedPerson) {
    return t.test.db.answer.findFirst({
      where: { submission: { enrolment: { personId: person.personId } }, question: { key: 'besoin' } },
    });
  }

  it('does not add SKIP to a required text answer begun, and says to tap Next when done', async () => {
    const awa = await atTheTextQuestion('Awa');
    await awa.send('Les conseils de quartier.');
    const [refused] = await awa.send('SKIP');
    expect(refused?.text).toBe(
      'Cette question est obligatoire : on ne peut pas la passer. Quand vous avez fini, appuyez sur « Suivant ✓ ».',
    );
    expect(labels(refused)).toEqual(['Suivant ✓']);
    expect((await needAnswer(awa))?.value).toEqual({ text: 'Les conseils de quartier.' });
  });

  it('asks before dropping an optional text answer begun when the person types PASSER', async () => {
    const binta = await atTheTextQuestion('Binta');
    await t.test.db.question.updateMany({ where: { key: 'besoin' }, data: { required: false } });
    try {
      await binta.send('Les conseils de quartier.');
      const [asked] = await binta.send('PASSER');
      expect(asked?.text).toBe(
        "Passer cette question efface ce que vous avez déjà écrit. Appuyez sur « Suivant ✓ » pour le garder, ou sur « Passer » pour l'effacer.",
      );
      expect(labels(asked)).toEqual(['Suivant ✓', 'Passer']);
      expect((await needAnswer(binta))?.value).toEqual({ text: 'Les conseils de quartier.' });
      const [summary] = await binta.send({ choice: button(asked, 'Passer') }, { replies: 2 });
      expect(summary?.text).toContain('(passé)');
      expect(await needAnswer(binta)).toMatchObject({ skipped: true, value: null });
    } finally {
      await t.test.db.question.updateMany({ where: { key: 'besoin' }, data: { required: true } });
    }
  });

  it('says a button of the summary dates from before the restart, and asks the current question', async () => {
    const chloe = await atTheTextQuestion('Chloé');
    const [saved] = await chloe.send("L'accès à l'eau");
    const [, confirm] = await chloe.send({ choice: button(saved, 'Suivant ✓') }, { replies: 2 });
    const [again] = await chloe.send({ choice: button(confirm, 'Recommencer') });
    expect(again?.text).toContain('Question 1/3');

    const [why, current] = await chloe.send({ choice: button(confirm, 'Envoyer ✓') }, { replies: 2 });
    expect(why?.text).toBe("Ce bouton date d'un passage précédent : vous en êtes à la question 1.");
    expect(current?.text).toContain('Question 1/3');
    const submission = await t.test.db.submission.findFirstOrThrow({
      where: { enrolment: { personId: chloe.personId } },
    });
    expect(submission).toMatchObject({ status: 'in_progress', currentPosition: 0 });
  });

  it('says "what I meant to write" is out of date once the dialogue moved on, and files nothing', async () => {
    const dara = await atTheTextQuestion('Dara');
    const [asked] = await dara.send('Continuer');
    const meant = button(asked, "C'est ce que je voulais écrire");
    await dara.send('Le transport');
    const [outOfDate, current] = await dara.send({ choice: meant }, { replies: 2 });
    expect(outOfDate?.text).toBe("Ce choix date d'avant votre dernier message : il ne vaut plus.");
    expect(current?.text).toContain('Question 3/3');
    expect((await needAnswer(dara))?.value).toEqual({ text: 'Le transport' });
  });
});
