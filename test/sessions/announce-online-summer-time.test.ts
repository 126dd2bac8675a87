import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSessions } from '../../src/jobs/announce-sessions.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createSampleSession, onlineDefinition } from '../support/sessions.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * An online session at 14:00 Paris, before and after Paris moves to summer time (28 March 2027):
 * the hubs do not change their clocks, so the hour each one reads moves back by one.
 */
describe('an online session given from Paris, shown in each hub', () => {
  let t: TestApp;
  const people: Record<string, SimulatedPerson> = {};

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
    for (const hub of ['abidjan', 'antananarivo', 'tunis'] as const)
      people[hub] = await SimulatedPerson.create(t, { name: hub, hub });
    await createSampleSession(
      t.test.db,
      onlineDefinition({ key: 'securite', localStart: '2027-03-23T14:00' }),
      SAMPLE_DAYTIME,
    );
    await createSampleSession(
      t.test.db,
      onlineDefinition({ key: 'logiciel-libre', localStart: '2027-03-30T14:00' }),
      SAMPLE_DAYTIME,
    );
    await announceSessions.handle({}, t.context);
  });

  afterAll(async () => {
    await t.close();
  });

  const when = async (hub: string) =>
    (await people[hub]!.replies(2)).map((message) =>
      message.text?.split('\n').find((line) => line.startsWith('Quand')),
    );

  it('is at 13:00 in Abidjan, then 12:00', async () => {
    expect(await when('abidjan')).toEqual([
      'Quand : mardi 23 mars 2027, 13:00–15:00 (14:00–16:00 heure de Paris)',
      'Quand : mardi 30 mars 2027, 12:00–14:00 (14:00–16:00 heure de Paris)',
    ]);
  });

  it('is at 16:00 in Antananarivo, then 15:00', async () => {
    expect(await when('antananarivo')).toEqual([
      'Quand : mardi 23 mars 2027, 16:00–18:00 (14:00–16:00 heure de Paris)',
      'Quand : mardi 30 mars 2027, 15:00–17:00 (14:00–16:00 heure de Paris)',
    ]);
  });

  it("is at 14:00 in Tunis (Paris's winter hour: no second hour shown), then 13:00", async () => {
    expect(await when('tunis')).toEqual([
      'Quand : mardi 23 mars 2027, 14:00–16:00',
      'Quand : mardi 30 mars 2027, 13:00–15:00 (14:00–16:00 heure de Paris)',
    ]);
  });
});
