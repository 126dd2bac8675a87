import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { inviteToSession } from '../support/invitations.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const rsvp = (invitationId: string, answer: 'yes' | 'maybe' | 'no') => ({ choice: `rsvp:${invitationId}:${answer}` });
const MINUTE_MS = 60_000;

/** Answers that reach Compagnon late, or twice: the answer pressed last is the one that stands. */
describe('an answer to an invitation delivered out of order or twice', () => {
  let t: TestApp;
  let awa: SimulatedPerson;
  let sessionId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    awa = await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    ({ sessionId } = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-ordre', localStart: '2027-03-09T09:00', hubs: ['abidjan'], capacity: 1 }),
      SAMPLE_DAYTIME,
    ));
  });

  afterAll(async () => {
    await t.close();
  });

  const invitationRow = (id: string) =>
    t.test.db.sessionInvitation.findUniqueOrThrow({
      where: { id },
      select: { rsvp: true, rsvpAt: true, waitlistedAt: true },
    });

  it('keeps a yes pressed after a no that was delivered later, and says what stands', async () => {
    const invitation = await inviteToSession(t.test.db, sessionId, awa.personId);
    const now = t.context.now().getTime();
    // "No" pressed first on a weak network, "yes" a minute later on a good one: the yes arrives first.
    await awa.send(rsvp(invitation, 'yes'), { sentAt: new Date(now - 5 * MINUTE_MS) });
    const [late] = await awa.send(rsvp(invitation, 'no'), { sentAt: new Date(now - 6 * MINUTE_MS) });
    expect(late?.text).toContain("C'est noté : vous venez à « Atelier : cartographier son projet »");
    expect(await invitationRow(invitation)).toMatchObject({
      rsvp: 'yes',
      rsvpAt: new Date(now - 5 * MINUTE_MS),
      waitlistedAt: null,
    });
  });

  it('takes the same button pressed twice as one answer: the seat is kept, nothing moves', async () => {
    const kofi = await SimulatedPerson.create(t, { name: 'Kofi', hub: 'abidjan' });
    const other = await createSampleSession(
      t.test.db,
      workshopDefinition({ key: 'atelier-deux-fois', localStart: '2027-03-10T09:00', hubs: ['abidjan'], capacity: 1 }),
      SAMPLE_DAYTIME,
    );
    const invitation = await inviteToSession(t.test.db, other.sessionId, kofi.personId);
    const [first] = await kofi.send(rsvp(invitation, 'yes'));
    const seated = await invitationRow(invitation);
    const [second] = await kofi.send(rsvp(invitation, 'yes'));
    expect(second?.text).toBe(first?.text);
    expect(await invitationRow(invitation)).toEqual(seated);
  });
});
