import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext } from '../../src/jobs/job-definition.ts';
import { sessionFeedbackDue } from '../../src/jobs/session-feedback-due.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { waitFor } from '../support/processes.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const HOUR_MS = 3_600_000;

/**
 * After a session that asks for it, those who attended rate it 1 to 5 and may add a comment; the
 * answers are theirs to see in MY DATA, and the comment goes with an erasure.
 */
describe('feedback after a session', () => {
  let t: TestApp;
  const people: Record<string, SimulatedPerson> = {};
  const invitationOf: Record<string, string> = {};
  let sessionId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    for (const name of ['Awa', 'Koffi', 'Binta', 'Moussa']) {
      people[name] = await SimulatedPerson.create(t, { name, hub: 'abidjan' });
    }
    // 06:00–09:00 in Abidjan: it ended an hour before the test's 10:00.
    const earlier = new Date(SAMPLE_DAYTIME.getTime() - 6 * HOUR_MS);
    ({ sessionId } = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-avis', localStart: '2026-11-16T06:00', hubs: ['abidjan'], feedback: true }),
      earlier,
    ));
    const venue = await t.test.db.sessionVenue.findFirstOrThrow({ where: { sessionId } });
    for (const name of Object.keys(people)) {
      const attended = name === 'Awa' || name === 'Binta';
      const invitation = await t.test.db.sessionInvitation.create({
        data: {
          sessionId,
          venueId: venue.id,
          personId: people[name]!.personId,
          announcedAt: earlier,
          rsvp: 'yes',
          attendedAt: attended ? new Date(SAMPLE_DAYTIME.getTime() - 4 * HOUR_MS) : null,
          attendedBy: attended ? 'code' : null,
        },
      });
      invitationOf[name] = invitation.id;
    }
  });

  afterAll(async () => {
    await t.close();
  });

  const run = () => sessionFeedbackDue.handle({}, t.context as JobContext);
  const invitation = (name: string) =>
    t.test.db.sessionInvitation.findUniqueOrThrow({ where: { id: invitationOf[name] } });

  it('asks those who attended, once the session has ended, with five buttons, and only once', async () => {
    // A session still going on (until 12:00) asks nobody yet, even someone who recorded their presence.
    const ongoing = await createSampleSession(
      t.test.db,
      workshopDefinition({
        key: 'atelier-en-cours',
        localStart: '2026-11-16T09:00',
        hubs: ['abidjan'],
        feedback: true,
      }),
      SAMPLE_DAYTIME,
    );
    const ongoingVenue = await t.test.db.sessionVenue.findFirstOrThrow({ where: { sessionId: ongoing.sessionId } });
    await t.test.db.sessionInvitation.create({
      data: {
        sessionId: ongoing.sessionId,
        venueId: ongoingVenue.id,
        personId: people.Moussa!.personId,
        announcedAt: SAMPLE_DAYTIME,
        attendedAt: SAMPLE_DAYTIME,
      },
    });

    expect(await run()).toEqual({ asked: 2 });
    const [question] = await people.Awa!.replies(1);
    expect(question?.text).toBe(
      "Merci d'avoir participé à « Atelier : cartographier son projet ». Qu'en avez-vous pensé ? Donnez une note de 1 (pas utile) à 5 (très utile) :",
    );
    expect(question?.kind === 'choices' && question.choices.map((c) => [c.id, c.label])).toEqual(
      [1, 2, 3, 4, 5].map((score) => [`sfb:${invitationOf.Awa}:${score}`, String(score)]),
    );
    await people.Binta!.replies(1);
    expect(await t.test.db.outboundMessage.count({ where: { purpose: 'session_feedback' } })).toBe(2);
    expect((await t.test.db.sessionVenue.findFirstOrThrow({ where: { sessionId } })).feedbackAskedAt).not.toBeNull();

    expect(await run()).toEqual({ asked: 0 });
  });

  it('asks someone whose attendance is recorded after the question went out', async () => {
    await t.test.db.sessionInvitation.update({
      where: { id: invitationOf.Koffi },
      data: { attendedAt: t.context.now(), attendedBy: 'roll_call' },
    });
    expect(await run()).toEqual({ asked: 1 });
    const [question] = await people.Koffi!.replies(1);
    expect(question?.kind).toBe('choices');
    expect((await invitation('Moussa')).feedbackAskedAt).toBeNull();
  });

  it('keeps the rating, then the comment as typed; a second tap changes the rating', async () => {
    const [askComment] = await people.Awa!.send({ choice: `sfb:${invitationOf.Awa}:4` });
    expect(askComment?.text).toBe(
      'Merci ! Votre note : 4/5. Voulez-vous ajouter un commentaire ? Écrivez-le ici, ou touchez « Pas de commentaire ».',
    );
    expect(askComment?.kind === 'choices' && askComment.choices.map((c) => c.label)).toEqual(['Pas de commentaire']);
    const [saved] = await people.Awa!.send('  Très utile, merci à Mme Kouassi !');
    expect(saved?.text).toBe("Merci, votre commentaire est enregistré : l'équipe le lira.");
    expect(await invitation('Awa')).toMatchObject({
      feedbackScore: 4,
      feedbackComment: 'Très utile, merci à Mme Kouassi !',
    });

    const [changed] = await people.Awa!.send({ choice: `sfb:${invitationOf.Awa}:5` });
    expect(changed?.text).toBe("C'est corrigé : votre note est maintenant 5/5.");
    expect(await invitation('Awa')).toMatchObject({
      feedbackScore: 5,
      feedbackComment: 'Très utile, merci à Mme Kouassi !',
    });
  });

  it('leaves the comment out with "No comment"', async () => {
    await people.Koffi!.send({ choice: `sfb:${invitationOf.Koffi}:3` });
    const [skipped] = await people.Koffi!.send({ choice: `sfb:${invitationOf.Koffi}:none` });
    expect(skipped?.text).toBe("C'est noté, merci !");
    // The step is over: a later message is not taken as a comment.
    await people.Koffi!.send('Bonjour');
    expect(await invitation('Koffi')).toMatchObject({ feedbackScore: 3, feedbackComment: null });
  });

  it('asks whether an ordinary word typed as the comment is the comment or the command, and a command acts', async () => {
    await people.Binta!.send({ choice: `sfb:${invitationOf.Binta}:2` });
    // MY DATA is never a comment: it acts, and the comment is still awaited.
    const [data] = await people.Binta!.send('MES DONNÉES');
    expect(data?.text).toContain(
      'Sessions : Atelier : cartographier son projet (réponse : Je viens, présence enregistrée, note 2/5)',
    );
    const [which] = await people.Binta!.send('Pause');
    expect(which?.text).toMatch(/^Vous avez écrit « Pause »\. Est-ce ce que vous vouliez écrire ici/);
    const meant =
      which?.kind === 'choices' ? which.choices.find((c) => c.label === "C'est ce que je voulais écrire") : undefined;
    const [saved] = await people.Binta!.send({ choice: meant!.id });
    expect(saved?.text).toBe("Merci, votre commentaire est enregistré : l'équipe le lira.");
    expect(await invitation('Binta')).toMatchObject({ feedbackScore: 2, feedbackComment: 'Pause' });
  });

  it('shows the answers in MY DATA, and erases the comment with the person, keeping the rating', async () => {
    const [data] = await people.Awa!.send('mes données');
    expect(data?.text?.split('\n')).toContain(
      'Sessions : Atelier : cartographier son projet (réponse : Je viens, présence enregistrée, note 5/5, commentaire : « Très utile, merci à Mme Kouassi ! »)',
    );
    const [confirm] = await people.Awa!.send('effacer');
    const yes = confirm?.kind === 'choices' ? confirm.choices[0] : undefined;
    await people.Awa!.send({ choice: yes!.id }, { replies: 0 });
    await waitFor(
      async () =>
        (await t.test.db.person.findUniqueOrThrow({ where: { id: people.Awa!.personId } })).erasedAt ? true : undefined,
      15_000,
      'Awa erased',
    );
    expect(await invitation('Awa')).toMatchObject({ feedbackScore: 5, feedbackComment: null });
  });
});
