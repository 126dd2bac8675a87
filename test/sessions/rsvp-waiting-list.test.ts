import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { inviteToSession } from '../support/invitations.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const rsvp = (invitationId: string, answer: 'yes' | 'maybe' | 'no') => ({ choice: `rsvp:${invitationId}:${answer}` });

/** A venue with seats: a yes beyond them waits on a list, promoted in order (and told) when a seat is freed. */
describe('the waiting list of a venue with a capacity', () => {
  let t: TestApp;
  const people: Record<string, SimulatedPerson> = {};

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    for (const name of ['Awa', 'Binta', 'Chloé', 'Djibril', 'Eya', 'Fodé']) {
      people[name] = await SimulatedPerson.create(t, { name, hub: 'abidjan' });
    }
    await t.test.db.person.update({ where: { id: people['Chloé']!.personId }, data: { locale: 'en' } });
  });

  afterAll(async () => {
    await t.close();
  });

  async function workshopWithTwoSeats(key: string) {
    const { sessionId } = await createSampleSession(
      t.test.db,
      workshopDefinition({ key, localStart: '2027-03-09T09:00', hubs: ['abidjan'], capacity: 2 }),
      SAMPLE_DAYTIME,
    );
    return sessionId;
  }

  const invitation = (id: string) =>
    t.test.db.sessionInvitation.findUniqueOrThrow({ where: { id }, select: { rsvp: true, waitlistedAt: true } });

  it('puts a third yes on the list, then gives it the seat freed and tells them in their language', async () => {
    const sessionId = await workshopWithTwoSeats('atelier-deux-places');
    const awa = people['Awa']!;
    const binta = people['Binta']!;
    const chloe = people['Chloé']!;
    const [awas, bintas, chloes] = [
      await inviteToSession(t.test.db, sessionId, awa.personId),
      await inviteToSession(t.test.db, sessionId, binta.personId),
      await inviteToSession(t.test.db, sessionId, chloe.personId),
    ];
    expect((await awa.send(rsvp(awas, 'yes')))[0]?.text).toContain("C'est noté : vous venez");
    expect((await binta.send(rsvp(bintas, 'yes')))[0]?.text).toContain("C'est noté : vous venez");
    const [waiting] = await chloe.send(rsvp(chloes, 'yes'));
    expect(waiting?.text).toContain(
      '“Workshop: mapping your project” on Tuesday 9 March 2027, 09:00 is full: you are on the waiting list, in position 1.',
    );
    expect((await invitation(chloes)).waitlistedAt).not.toBeNull();

    // Awa can no longer come: her seat goes to Chloé, who is told.
    const [noted] = await awa.send(rsvp(awas, 'maybe'));
    expect(noted?.text).toContain("C'est noté : vous viendrez peut-être");
    const [promoted] = await chloe.replies(1);
    expect(promoted?.text).toBe(
      'Good news: a seat is free for you at “Workshop: mapping your project” on Tuesday 9 March 2027, 09:00. You are in. If you can no longer come, say so with a button below.',
    );
    expect(promoted?.kind === 'choices' && promoted.choices.map((c) => c.id)).toEqual([
      `rsvp:${chloes}:yes`,
      `rsvp:${chloes}:maybe`,
      `rsvp:${chloes}:no`,
    ]);
    expect(await invitation(chloes)).toEqual({ rsvp: 'yes', waitlistedAt: null });
    expect(
      await t.test.db.outboundMessage.count({ where: { personId: chloe.personId, purpose: 'session_waitlist' } }),
    ).toBe(1);

    // The venue is full again: a new yes waits; changing to no leaves the list.
    const djibril = people['Djibril']!;
    const djibrils = await inviteToSession(t.test.db, sessionId, djibril.personId);
    expect((await djibril.send(rsvp(djibrils, 'yes')))[0]?.text).toContain(
      "vous êtes sur la liste d'attente, en position 1.",
    );
    const [left] = await djibril.send(rsvp(djibrils, 'no'));
    expect(left?.text).toContain("C'est noté : vous ne venez pas");
    expect(left?.text).toContain("Vous n'êtes plus sur la liste d'attente.");
    expect(await invitation(djibrils)).toEqual({ rsvp: 'no', waitlistedAt: null });
  });

  it('gives the last seat to one of two people answering yes at the same moment, and the list to the other', async () => {
    const sessionId = await workshopWithTwoSeats('atelier-derniere-place');
    await inviteToSession(t.test.db, sessionId, people['Awa']!.personId, { rsvp: 'yes', rsvpAt: SAMPLE_DAYTIME });
    const eya = people['Eya']!;
    const fode = people['Fodé']!;
    const [eyas, fodes] = [
      await inviteToSession(t.test.db, sessionId, eya.personId),
      await inviteToSession(t.test.db, sessionId, fode.personId),
    ];
    const replies = await Promise.all([eya.send(rsvp(eyas, 'yes')), fode.send(rsvp(fodes, 'yes'))]);
    const texts = replies.map(([reply]) => reply?.text ?? '');
    expect(texts.filter((text) => text.includes("C'est noté : vous venez"))).toHaveLength(1);
    expect(texts.filter((text) => text.includes("liste d'attente, en position 1"))).toHaveLength(1);
    const seated = await t.test.db.sessionInvitation.count({ where: { sessionId, rsvp: 'yes', waitlistedAt: null } });
    expect(seated).toBe(2);
  });
});
