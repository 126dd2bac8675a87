import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { inviteToSession } from '../support/invitations.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const rsvp = (invitationId: string, answer: 'yes' | 'maybe' | 'no') => ({ choice: `rsvp:${invitationId}:${answer}` });

/** Answering an invitation with its buttons: the answer, its change, and what can no longer be answered. */
describe('answering an invitation to a session', () => {
  let t: TestApp;
  let awa: SimulatedPerson;
  let kofi: SimulatedPerson;
  let sessionId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    awa = await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    kofi = await SimulatedPerson.create(t, { name: 'Kofi', hub: 'abidjan' });
    await t.test.db.person.update({ where: { id: kofi.personId }, data: { locale: 'en' } });
    ({ sessionId } = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-reponse', localStart: '2027-03-09T09:00' }),
      SAMPLE_DAYTIME,
    ));
  });

  afterAll(async () => {
    await t.close();
  });

  const answerOf = (invitationId: string) =>
    t.test.db.sessionInvitation.findUniqueOrThrow({ where: { id: invitationId }, select: { rsvp: true } });

  it('confirms the answer with the title and the local date and time, and lets the person change it', async () => {
    const invitation = await inviteToSession(t.test.db, sessionId, awa.personId);
    const [yes] = await awa.send(rsvp(invitation, 'yes'));
    expect(yes?.text).toBe(
      "C'est noté : vous venez à « Atelier : cartographier son projet » le mardi 9 mars 2027, 09:00.\n" +
        "Vous pouvez changer de réponse jusqu'au début : envoyez AGENDA.",
    );
    expect(await answerOf(invitation)).toEqual({ rsvp: 'yes' });

    const [no] = await awa.send(rsvp(invitation, 'no'));
    expect(no?.text).toContain(
      "C'est noté : vous ne venez pas à « Atelier : cartographier son projet » le mardi 9 mars 2027, 09:00.",
    );
    expect(await answerOf(invitation)).toEqual({ rsvp: 'no' });

    const [maybe] = await kofi.send(rsvp(await inviteToSession(t.test.db, sessionId, kofi.personId), 'maybe'));
    expect(maybe?.text).toContain(
      'Noted: you may come to “Workshop: mapping your project” on Tuesday 9 March 2027, 09:00.',
    );
  });

  it('answers in the middle of an exercise and leaves the exercise at its question', async () => {
    const other = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-pendant-exercice', localStart: '2027-03-10T09:00' }),
      SAMPLE_DAYTIME,
    );
    const invitation = await inviteToSession(t.test.db, other.sessionId, awa.personId);
    const exercise = await t.test.db.exercise.findFirstOrThrow({ where: { key: 'semaine-1' } });
    const enrolment = await t.test.db.enrolment.findFirstOrThrow({ where: { personId: awa.personId } });
    const submission = await t.test.db.submission.create({
      data: {
        exerciseId: exercise.id,
        enrolmentId: enrolment.id,
        status: 'open',
        releaseAt: new Date('2026-11-16T09:00:00Z'),
        deadlineAt: new Date('2026-11-22T23:59:00Z'),
      },
    });
    const [question] = await awa.send('Bonjour');
    expect(question?.text).toContain('pourquoi avez-vous rejoint Connexions citoyennes ?');

    const [confirmed] = await awa.send(rsvp(invitation, 'yes'));
    expect(confirmed?.text).toContain("C'est noté : vous venez à « Atelier : cartographier son projet »");
    expect(await t.test.db.conversationState.findUnique({ where: { personId: awa.personId } })).toMatchObject({
      flow: 'exercise',
      step: 'question',
    });

    // The next text is filed as the answer to the question she was at.
    const [next] = await awa.send('Pour apprendre avec les autres.');
    expect(next?.text).toContain('Vous pouvez compléter dans un autre message');
    const answer = await t.test.db.answer.findFirstOrThrow({
      where: { submissionId: submission.id, question: { key: 'motivation' } },
    });
    expect(JSON.stringify(answer.value)).toContain('Pour apprendre avec les autres.');
  });

  it('refuses a change once the session has started, then once it has ended', async () => {
    const session = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-commence', localStart: '2027-03-11T09:00', hubs: ['abidjan'] }),
      SAMPLE_DAYTIME,
    );
    const invitation = await inviteToSession(t.test.db, session.sessionId, kofi.personId, { rsvp: 'yes' });
    const now = t.context.now().getTime();
    await t.test.db.sessionVenue.updateMany({
      where: { sessionId: session.sessionId },
      data: { startsAt: new Date(now - 3_600_000), endsAt: new Date(now + 3_600_000) },
    });
    const [started] = await kofi.send(rsvp(invitation, 'no'));
    expect(started?.text).toBe(
      '“Workshop: mapping your project” has already started: your answer can no longer change.',
    );

    await t.test.db.sessionVenue.updateMany({
      where: { sessionId: session.sessionId },
      data: { endsAt: new Date(now - 60_000) },
    });
    const [ended] = await kofi.send(rsvp(invitation, 'no'));
    expect(ended?.text).toBe('“Workshop: mapping your project” is over: your answer can no longer change.');
    expect(await answerOf(invitation)).toEqual({ rsvp: 'yes' });
  });

  it('says a cancelled session was cancelled', async () => {
    const session = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-annule', localStart: '2027-03-12T09:00' }),
      SAMPLE_DAYTIME,
    );
    const invitation = await inviteToSession(t.test.db, session.sessionId, awa.personId);
    await t.test.db.session.update({
      where: { id: session.sessionId },
      data: { status: 'cancelled', cancelledAt: SAMPLE_DAYTIME },
    });
    const [reply] = await awa.send(rsvp(invitation, 'yes'));
    expect(reply?.text).toBe(
      "La session « Atelier : cartographier son projet » du vendredi 12 mars 2027, 09:00 a été annulée : il n'y a plus de réponse à donner.",
    );
    expect(await answerOf(invitation)).toEqual({ rsvp: null });
  });

  it("gives the expired-choice answer to someone else's button or an unknown one, and changes nothing", async () => {
    const session = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-autrui', localStart: '2027-03-15T09:00' }),
      SAMPLE_DAYTIME,
    );
    const kofis = await inviteToSession(t.test.db, session.sessionId, kofi.personId);
    const [reply] = await awa.send(rsvp(kofis, 'no'));
    expect(reply?.text).toBe("Ce choix n'est plus valable. Envoyez AIDE pour voir ce que je peux faire.");
    expect(await answerOf(kofis)).toEqual({ rsvp: null });
    const [unknown] = await awa.send(rsvp('cl0nexistepas000000000000', 'yes'));
    expect(unknown?.text).toBe("Ce choix n'est plus valable. Envoyez AIDE pour voir ce que je peux faire.");
  });

  it('answers someone who sent STOP as everywhere else, and records nothing', async () => {
    const session = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-stop', localStart: '2027-03-16T09:00' }),
      SAMPLE_DAYTIME,
    );
    const invitation = await inviteToSession(t.test.db, session.sessionId, kofi.personId);
    await kofi.send('STOP');
    const [reply] = await kofi.send(rsvp(invitation, 'yes'));
    expect(reply?.text).toContain('RESUME');
    expect(await answerOf(invitation)).toEqual({ rsvp: null });
  });
});
