import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { inviteToSession } from '../support/invitations.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const HOUR_MS = 3_600_000;
const rsvp = (invitationId: string, answer: 'yes' | 'maybe' | 'no') => ({ choice: `rsvp:${invitationId}:${answer}` });
const EXPIRED = "Ce choix n'est plus valable. Envoyez AIDE pour voir ce que je peux faire.";
const STILL_STOPPED = 'Vous avez demandé STOP : je ne vous écris plus. Pour revenir, envoyez REPRENDRE.';

/** A session's buttons, PRÉSENT and AGENDA sent in the middle of another dialogue, or after STOP, a pause, an erasure. */
describe('session buttons and words where another dialogue is going on', () => {
  let t: TestApp;
  let upcoming: string;
  let ongoing: { sessionId: string; code: string };
  let past: { sessionId: string; venueId: string };

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    ({ sessionId: upcoming } = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-a-venir', localStart: '2027-03-09T09:00', hubs: ['abidjan'] }),
      SAMPLE_DAYTIME,
    ));
    // 09:30–12:30 in Abidjan (UTC): under way at the test's 10:00.
    const earlier = new Date(SAMPLE_DAYTIME.getTime() - 2 * HOUR_MS);
    const now = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-en-cours', localStart: '2026-11-16T09:30', hubs: ['abidjan'] }),
      earlier,
    );
    const venue = await t.test.db.sessionVenue.findFirstOrThrow({ where: { sessionId: now.sessionId } });
    ongoing = { sessionId: now.sessionId, code: venue.attendanceCode };
    const before = new Date(SAMPLE_DAYTIME.getTime() - 8 * HOUR_MS);
    const over = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-fini', localStart: '2026-11-16T04:00', hubs: ['abidjan'], feedback: true }),
      before,
    );
    past = {
      sessionId: over.sessionId,
      venueId: (await t.test.db.sessionVenue.findFirstOrThrow({ where: { sessionId: over.sessionId } })).id,
    };
  });

  afterAll(async () => {
    await t.close();
  });

  const invitation = (id: string) => t.test.db.sessionInvitation.findUniqueOrThrow({ where: { id } });
  const stateOf = (person: SimulatedPerson) =>
    t.test.db.conversationState.findUnique({ where: { personId: person.personId } });
  /** Invited to the past session, present, and asked for feedback. */
  const askedForFeedback = (person: SimulatedPerson) =>
    t.test.db.sessionInvitation
      .create({
        data: {
          sessionId: past.sessionId,
          venueId: past.venueId,
          personId: person.personId,
          rsvp: 'yes',
          attendedAt: new Date(SAMPLE_DAYTIME.getTime() - 6 * HOUR_MS),
          attendedBy: 'code',
          feedbackAskedAt: new Date(SAMPLE_DAYTIME.getTime() - HOUR_MS),
        },
      })
      .then((row) => row.id);

  it('answers an invitation pressed in the erase confirmation, and keeps the question', async () => {
    const awa = await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    const invited = await inviteToSession(t.test.db, upcoming, awa.personId);
    await awa.send('EFFACER');
    const [answered] = await awa.send(rsvp(invited, 'yes'));
    expect(answered?.text).toContain("C'est noté : vous venez à « Atelier : cartographier son projet »");
    expect(await stateOf(awa)).toMatchObject({ flow: 'erase', step: 'confirm' });
    const [kept] = await awa.send('non');
    expect(kept?.text).toBe("Rien n'a été effacé.");
    expect((await invitation(invited)).rsvp).toBe('yes');
  });

  it('keeps the comment step of one session when an invitation to another is answered', async () => {
    const kofi = await SimulatedPerson.create(t, { name: 'Kofi', hub: 'abidjan' });
    const rated = await askedForFeedback(kofi);
    const invited = await inviteToSession(t.test.db, upcoming, kofi.personId);
    await kofi.send({ choice: `sfb:${rated}:5` });
    const [answered] = await kofi.send(rsvp(invited, 'maybe'));
    expect(answered?.text).toContain("C'est noté : vous viendrez peut-être à « Atelier : cartographier son projet »");
    const [saved] = await kofi.send('Très concret, merci.');
    expect(saved?.text).toBe("Merci, votre commentaire est enregistré : l'équipe le lira.");
    expect(await invitation(rated)).toMatchObject({ feedbackScore: 5, feedbackComment: 'Très concret, merci.' });
    expect((await invitation(invited)).rsvp).toBe('maybe');
  });

  it('lets a paused person answer an invitation and see it in AGENDA', async () => {
    const issa = await SimulatedPerson.create(t, { name: 'Issa', hub: 'abidjan' });
    await t.test.db.enrolment.updateMany({ where: { personId: issa.personId }, data: { status: 'paused' } });
    const invited = await inviteToSession(t.test.db, upcoming, issa.personId);
    const [answered] = await issa.send(rsvp(invited, 'no'));
    expect(answered?.text).toContain("C'est noté : vous ne venez pas à « Atelier : cartographier son projet »");
    const [, listed] = await issa.send('AGENDA', { replies: 2 });
    expect(listed?.text).toContain('Atelier : cartographier son projet');
    expect(listed?.text).toContain('Votre réponse : je ne peux pas');
    expect((await invitation(invited)).rsvp).toBe('no');
  });

  it('records nothing for someone who sent STOP: no presence, no rating, no agenda', async () => {
    const binta = await SimulatedPerson.create(t, { name: 'Binta', hub: 'abidjan' });
    const present = await inviteToSession(t.test.db, ongoing.sessionId, binta.personId, { rsvp: 'yes' });
    const rated = await askedForFeedback(binta);
    await binta.send('STOP');
    for (const message of [`PRÉSENT ${ongoing.code}`, { choice: `sfb:${rated}:4` }, 'AGENDA']) {
      const [reply] = await binta.send(message);
      expect(reply?.text).toBe(STILL_STOPPED);
    }
    expect(await invitation(present)).toMatchObject({ attendedAt: null });
    expect(await invitation(rated)).toMatchObject({ feedbackScore: null });
  });

  it('gives someone erased who writes again with an old button the expired-choice answer, and records nothing', async () => {
    const moussa = await SimulatedPerson.create(t, { name: 'Moussa', hub: 'abidjan' });
    const invited = await inviteToSession(t.test.db, upcoming, moussa.personId);
    const [question] = await moussa.send('EFFACER');
    const yes = question?.kind === 'choices' ? question.choices[0]!.id : '';
    await moussa.send({ choice: yes });
    // Writing again from the same phone, they are someone Compagnon does not know.
    const again = await SimulatedPerson.create(t, { name: 'Moussa', role: 'newcomer' });
    const [reply] = await again.send(rsvp(invited, 'yes'));
    expect(reply?.text).toContain(EXPIRED);
    expect((await invitation(invited)).rsvp).toBeNull();
  });
});
