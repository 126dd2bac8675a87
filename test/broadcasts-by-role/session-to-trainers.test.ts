import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSessions } from '../../src/jobs/announce-sessions.ts';
import { seedCohort, type SeededCohort } from '../support/admin-app.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { createSampleSession, onlineDefinition } from '../support/sessions.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

/** A session for trainers: announced to them, by the same audience rule as broadcasts. */
describe('a session addressed to trainers', () => {
  let t: TestApp;
  let seeded: SeededCohort;
  let trainers: SeededTrainers;

  const announcedTo = async (sessionId: string) =>
    (await t.test.db.sessionInvitation.findMany({ where: { sessionId, announcedAt: { not: null } } }))
      .map((invitation) => invitation.personId)
      .sort();

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    seeded = await seedCohort(t.test.db, SAMPLE_DAYTIME);
    trainers = await seedTrainers(t.test.db, seeded, SAMPLE_DAYTIME);
  });

  afterAll(async () => {
    await t.close();
  });

  it('is announced to the trainers only, each in their language', async () => {
    const { sessionId } = await createSampleSession(
      t.test.db,
      onlineDefinition({
        key: 'formation-formateurs',
        localStart: '2027-03-10T14:00',
        audience: { roles: ['trainer'] },
      }),
      SAMPLE_DAYTIME,
    );
    await announceSessions.handle({}, t.context);
    expect(await announcedTo(sessionId)).toEqual([trainers.bukavuTrainerId, trainers.westTrainerId].sort());
    const messages = await t.test.db.outboundMessage.findMany({
      where: { purpose: 'session_announcement', personId: { in: [trainers.bukavuTrainerId, trainers.westTrainerId] } },
      select: { personId: true, payload: true },
    });
    const textOf = (personId: string) =>
      JSON.stringify(messages.find((message) => message.personId === personId)?.payload ?? null);
    expect(textOf(trainers.bukavuTrainerId)).toContain('Sécurité des données');
    expect(textOf(trainers.westTrainerId)).toContain('Data security');
  });

  it('reaches the trainers who run a hub named in its audience, though they live in another', async () => {
    const { sessionId } = await createSampleSession(
      t.test.db,
      onlineDefinition({
        key: 'point-ouagadougou',
        localStart: '2027-03-11T14:00',
        audience: { roles: ['trainer', 'participant'], hubKeys: ['ouagadougou'] },
      }),
      SAMPLE_DAYTIME,
    );
    await announceSessions.handle({}, t.context);
    // Kouadio lives in Abidjan and runs Ouagadougou; Boubacar is the participant there.
    expect(await announcedTo(sessionId)).toEqual([trainers.westTrainerId, seeded.participantIds[1]!].sort());
  });
});
