import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSessions } from '../../src/jobs/announce-sessions.ts';
import { clockFrom } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, onlineDefinition, workshopDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/** 22:30 in Abidjan (UTC+0), inside the sample's quiet hours (21:00–07:00). */
const NIGHT = new Date('2027-01-11T22:30:00Z');

/** An announcement made at night waits for the morning, unless the session would have started by then. */
describe('announcing during the quiet hours', () => {
  let t: TestApp;
  let awa: SimulatedPerson;

  const plannedAt = async (sessionId: string) => {
    const invitation = await t.test.db.sessionInvitation.findUniqueOrThrow({
      where: { sessionId_personId: { sessionId, personId: awa.personId } },
    });
    const message = await t.test.db.outboundMessage.findFirstOrThrow({
      where: { dedupKey: `session-announcement-${invitation.id}` },
    });
    return message.plannedAt.toISOString();
  };

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(NIGHT) });
    await importSample(t.test.db);
    awa = await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('goes at 07:00 the next morning in her time', async () => {
    const { sessionId } = await createSampleSession(
      t.test.db,
      workshopDefinition({ localStart: '2027-03-09T09:00', hubs: ['abidjan'] }),
      NIGHT,
    );
    await announceSessions.handle({}, t.context);
    expect(await plannedAt(sessionId)).toBe('2027-01-12T07:00:00.000Z');
  });

  it('goes at once when the session starts before the quiet hours end', async () => {
    const { sessionId } = await createSampleSession(
      t.test.db,
      onlineDefinition({ key: 'tot-le-matin', localStart: '2027-01-12T06:30', zone: 'Africa/Abidjan' }),
      NIGHT,
    );
    await announceSessions.handle({}, t.context);
    const at = new Date(await plannedAt(sessionId));
    expect(at.getTime()).toBeGreaterThanOrEqual(NIGHT.getTime());
    expect(at.getTime()).toBeLessThan(new Date('2027-01-11T23:00:00Z').getTime());
  });
});
