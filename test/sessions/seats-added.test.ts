import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionNoticesDue } from '../../src/jobs/session-notices-due.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { inviteToSession } from '../support/invitations.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const rsvp = (invitationId: string, answer: 'yes' | 'maybe' | 'no') => ({ choice: `rsvp:${invitationId}:${answer}` });

/** Seats added to a full venue (the file or the dashboard raises its capacity) go to those waiting, in order, told once. */
describe('seats added to a full venue', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
  });

  afterAll(async () => {
    await t.close();
  });

  it('gives the new seat to the first person waiting, and only to them', async () => {
    const workshop = (capacity: number) =>
      workshopDefinition({ key: 'atelier-une-place', localStart: '2027-03-09T09:00', hubs: ['tunis'], capacity });
    const { sessionId } = await createSampleSession(t.test.db, workshop(1), SAMPLE_DAYTIME);
    const [awa, binta, chloe] = await Promise.all(
      ['Awa', 'Binta', 'Chloé'].map((name) => SimulatedPerson.create(t, { name, hub: 'tunis' })),
    );
    const invitations = [];
    for (const person of [awa!, binta!, chloe!]) {
      const invitationId = await inviteToSession(t.test.db, sessionId, person.personId);
      invitations.push(invitationId);
      await person.send(rsvp(invitationId, 'yes'));
    }
    expect(await sessionNoticesDue.handle({}, t.context)).toEqual({ told: 0 });

    await createSampleSession(t.test.db, workshop(2), SAMPLE_DAYTIME);
    expect(await sessionNoticesDue.handle({}, t.context)).toEqual({ told: 1 });
    const [told] = await binta!.replies(1);
    expect(told?.text).toContain('Bonne nouvelle');
    const waiting = await t.test.db.sessionInvitation.findMany({
      where: { id: { in: invitations } },
      orderBy: { createdAt: 'asc' },
      select: { waitlistedAt: true },
    });
    expect(waiting.map((invitation) => invitation.waitlistedAt === null)).toEqual([true, true, false]);
    expect(await sessionNoticesDue.handle({}, t.context)).toEqual({ told: 0 });
  });
});
