import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRollCall } from '../../src/store/sessions/record-roll-call.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const HOUR_MS = 3_600_000;
const score = (invitationId: string, value: number) => ({ choice: `sfb:${invitationId}:${value}` });

/** The feedback question meets a roll call that took the presence away, and a cancellation. */
describe('feedback on a session changed after the question was asked', () => {
  let t: TestApp;
  let sessionId: string;
  let venueId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    const earlier = new Date(SAMPLE_DAYTIME.getTime() - 6 * HOUR_MS);
    ({ sessionId } = await createSampleSession(
      t.test.db,
      workshopDefinition({
        key: 'atelier-avis-change',
        localStart: '2026-11-16T06:00',
        hubs: ['abidjan'],
        feedback: true,
      }),
      earlier,
    ));
    venueId = (await t.test.db.sessionVenue.findFirstOrThrow({ where: { sessionId } })).id;
  });

  afterAll(async () => {
    await t.close();
  });

  /** Someone marked present by the roll call and asked for their feedback. */
  async function askedAfterRollCall(name: string) {
    const person = await SimulatedPerson.create(t, { name, hub: 'abidjan' });
    const { id } = await t.test.db.sessionInvitation.create({
      data: {
        sessionId,
        venueId,
        personId: person.personId,
        rsvp: 'yes',
        attendedAt: new Date(SAMPLE_DAYTIME.getTime() - 4 * HOUR_MS),
        attendedBy: 'roll_call',
        feedbackAskedAt: new Date(SAMPLE_DAYTIME.getTime() - HOUR_MS),
      },
    });
    return { person, invitationId: id };
  }

  it('does not record a rating from someone a later roll call says was not there', async () => {
    const { person, invitationId } = await askedAfterRollCall('Awa');
    await recordRollCall(t.test.db, { venueId, present: [], actorId: null, now: SAMPLE_DAYTIME });
    const [reply] = await person.send(score(invitationId, 4));
    expect(reply?.text).toBe("Ce choix n'est plus valable. Envoyez AIDE pour voir ce que je peux faire.");
    const row = await t.test.db.sessionInvitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(row.feedbackScore).toBeNull();
    expect(await t.test.db.conversationState.findUnique({ where: { personId: person.personId } })).toBeNull();
  });

  it('keeps no comment on a session cancelled while the person was writing it, and says so', async () => {
    const { person, invitationId } = await askedAfterRollCall('Kofi');
    const [asked] = await person.send(score(invitationId, 2));
    expect(asked?.text).toContain('2');
    await t.test.db.session.update({
      where: { id: sessionId },
      data: { status: 'cancelled', cancelledAt: SAMPLE_DAYTIME },
    });
    const [reply] = await person.send('Trop court.');
    expect(reply?.text).toBe(
      "La session « Atelier : cartographier son projet » a été annulée : votre commentaire n'est pas gardé.",
    );
    const row = await t.test.db.sessionInvitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(row.feedbackComment).toBeNull();
    expect(await t.test.db.conversationState.findUnique({ where: { personId: person.personId } })).toBeNull();
  });
});
