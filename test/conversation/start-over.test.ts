import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseExercise } from '../../src/jobs/release-exercise.ts';
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

describe('starting an exercise over from its summary', () => {
  let t: TestApp;
  let awa: SimulatedPerson;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    awa = await SimulatedPerson.create(t, { name: 'Awa', role: 'participant', hub: 'abidjan' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('replaces the old answers with the new ones instead of adding to them', async () => {
    await releaseExercise({ ...t.context, mediaDir: t.mediaDir }, { exercise: 'semaine-2' });
    const [, scale] = await awa.replies(2);
    const [channels] = await awa.send({ choice: button(scale, '4') });
    const [picked] = await awa.send({ choice: button(channels, 'Radio') });
    const [need] = await awa.send({ choice: button(picked, 'Terminé ✓') });
    expect(need?.text).toContain('Question 3/3');
    const [saved] = await awa.send("L'accès à l'eau");
    const [, confirm] = await awa.send({ choice: button(saved, 'Suivant ✓') }, { replies: 2 });

    const [again] = await awa.send({ choice: button(confirm, 'Recommencer') });
    expect(again?.text).toContain('Question 1/3');
    const [channelsAgain] = await awa.send({ choice: button(again, '2') });
    const [pickedAgain] = await awa.send({ choice: button(channelsAgain, 'WhatsApp') });
    expect(pickedAgain?.text).toBe('Choisi : WhatsApp. Choisissez-en un autre, ou appuyez sur « Terminé ✓ ».');
    const [needAgain] = await awa.send({ choice: button(pickedAgain, 'Terminé ✓') });
    expect(needAgain?.text).toContain('Question 3/3');
    const [savedAgain] = await awa.send('Le transport');
    const [summary] = await awa.send({ choice: button(savedAgain, 'Suivant ✓') }, { replies: 2 });

    expect(summary?.text).toContain('→ Le transport');
    expect(summary?.text).not.toContain("L'accès à l'eau");
    expect(summary?.text).toContain('→ WhatsApp\n');
    const answers = await t.test.db.answer.findMany({
      where: { submission: { enrolment: { personId: awa.personId } } },
      include: { question: true },
    });
    expect(Object.fromEntries(answers.map((a) => [a.question.key, a.value]))).toEqual({
      confiance: { number: 2 },
      canaux: { choices: ['whatsapp'] },
      besoin: { text: 'Le transport' },
    });
  });

  it('forgets what the earlier answers held before a new one is given', async () => {
    const [summary, confirm] = await awa.send('bonjour', { replies: 2 });
    expect(summary?.text).toContain('→ Le transport');
    await awa.send({ choice: button(confirm, 'Recommencer') });
    const submission = await t.test.db.submission.findFirstOrThrow({
      where: { enrolment: { personId: awa.personId } },
      include: { answers: true },
    });
    expect(submission).toMatchObject({ currentPosition: 0, answers: [] });
  });
});
