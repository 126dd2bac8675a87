import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promptCheckIn } from '../../src/jobs/prompt-check-in.ts';
import type { ReleaseDependencies } from '../../src/jobs/release-exercise.ts';
import { assignMentor } from '../../src/store/mentoring/assign-mentor.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/** A mentor with two check-in prompts waiting: each prompt's buttons and note stay with its mentee. */
describe('check-in notes with two prompts pending', () => {
  let t: TestApp;
  let deps: ReleaseDependencies;
  let mentor: SimulatedPerson;
  let awa: SimulatedPerson;
  let ibrahim: SimulatedPerson;
  let round = 0;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    deps = { ...t.context, mediaDir: t.mediaDir };
    awa = await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    ibrahim = await SimulatedPerson.create(t, { name: 'Ibrahim', hub: 'abidjan' });
    mentor = await SimulatedPerson.create(t, { name: 'Mme Diallo', role: 'mentor', hub: 'abidjan' });
    for (const mentee of [awa, ibrahim]) {
      await assignMentor(t.test.db, {
        defaultLanguage: 'fr',
        mentorId: mentor.personId,
        menteeId: mentee.personId,
        now: t.context.now(),
      });
    }
  });

  afterAll(async () => {
    await t.close();
  });

  /** Prompts the mentor about Awa, then Ibrahim, as the check-ins job does; returns both prompts' buttons by mentee. */
  async function twoPrompts() {
    round++;
    const dueAt = new Date(SAMPLE_DAYTIME.getTime() + round * 60_000);
    const ids: Record<string, string> = {};
    for (const [name, mentee] of [
      ['Awa', awa],
      ['Ibrahim', ibrahim],
    ] as const) {
      const assignment = await t.test.db.mentorAssignment.findFirstOrThrow({
        where: { mentorId: mentor.personId, menteeId: mentee.personId },
      });
      ids[name] = (await promptCheckIn(deps, assignment.id, dueAt))!;
    }
    const prompts = await mentor.replies(2);
    expect(prompts.map((p) => p.text)).toEqual([
      'Comment se passe votre suivi avec Awa ?',
      'Comment se passe votre suivi avec Ibrahim ?',
    ]);
    const button = (index: number, signal: string) =>
      prompts[index]!.kind === 'choices' ? prompts[index]!.choices.find((c) => c.id.endsWith(signal))!.id : '';
    return {
      ids: ids as { Awa: string; Ibrahim: string },
      awaOnTrack: button(0, 'on_track'),
      ibrahimNeedsAttention: button(1, 'needs_attention'),
    };
  }

  const noteOf = async (id: string) => (await t.test.db.checkIn.findUniqueOrThrow({ where: { id } })).note;
  const skipButton = (reply: { kind: string; choices?: { id: string }[] } | undefined) =>
    reply?.kind === 'choices' ? reply.choices![0]!.id : '';

  it("stores the note typed after Awa's prompt on Awa's check-in, and her 'no note' button still works", async () => {
    const { ids, awaOnTrack, ibrahimNeedsAttention } = await twoPrompts();
    const [askAwa] = await mentor.send({ choice: awaOnTrack });
    expect(askAwa?.text).toContain('une note sur Awa');
    // Ibrahim's answer comes before Awa's note: Awa's note question stays the one open.
    const [afterIbrahim] = await mentor.send({ choice: ibrahimNeedsAttention });
    expect(afterIbrahim?.text).toContain('Ibrahim');
    expect(afterIbrahim?.text).toContain('une note sur Awa');

    const [askIbrahim] = await mentor.send('Elle a trouvé un local pour son atelier.');
    expect(askIbrahim?.text).toContain("C'est noté pour Awa. Merci !");
    expect(askIbrahim?.text).toContain('une note sur Ibrahim');
    expect(await noteOf(ids.Awa)).toBe('Elle a trouvé un local pour son atelier.');
    expect(await noteOf(ids.Ibrahim)).toBeNull();

    // Ibrahim's "no note" closes his question: the next text is not a note.
    expect((await mentor.send({ choice: skipButton(askIbrahim) }))[0]?.text).toBe("C'est noté pour Ibrahim. Merci !");
    expect(await noteOf(ids.Ibrahim)).toBeNull();
    const checkIns = await t.test.db.checkIn.findMany({ where: { id: { in: [ids.Awa, ids.Ibrahim] } } });
    expect(Object.fromEntries(checkIns.map((c) => [c.id === ids.Awa ? 'Awa' : 'Ibrahim', c.signal]))).toEqual({
      Awa: 'on_track',
      Ibrahim: 'needs_attention',
    });
  });

  it("answers the prompts in any order: Awa's 'no note' after Ibrahim's question, then Ibrahim's note", async () => {
    const { ids, awaOnTrack, ibrahimNeedsAttention } = await twoPrompts();
    const [askIbrahim] = await mentor.send({ choice: ibrahimNeedsAttention });
    expect(askIbrahim?.text).toContain('une note sur Ibrahim');
    const [afterAwa] = await mentor.send({ choice: awaOnTrack });
    expect(afterAwa?.text).toContain('une note sur Ibrahim');
    const awaNoNote = (afterAwa?.kind === 'choices' ? afterAwa.choices : []).find((c) => c.id.includes(ids.Awa));
    // Awa's own "no note" button comes with the message that records her answer.
    expect(awaNoNote).toBeDefined();

    const [noNoteForAwa] = await mentor.send({ choice: awaNoNote!.id });
    expect(noNoteForAwa?.text).toContain("C'est noté pour Awa.");
    expect(noNoteForAwa?.text).toContain('une note sur Ibrahim');
    expect((await mentor.send('Il ne répond plus depuis une semaine.'))[0]?.text).toBe(
      "C'est noté pour Ibrahim. Merci !",
    );
    expect(await noteOf(ids.Ibrahim)).toBe('Il ne répond plus depuis une semaine.');
    expect(await noteOf(ids.Awa)).toBeNull();
    // Nothing is left open: a later "no note" on Ibrahim's question is not read against anyone else.
    expect((await mentor.send({ choice: skipButton(askIbrahim) }))[0]?.text).toBe("C'est noté pour Ibrahim. Merci !");
    expect(await noteOf(ids.Ibrahim)).toBe('Il ne répond plus depuis une semaine.');
  });
});
