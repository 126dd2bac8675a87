import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelease } from '../../src/cli/commands/release-command.ts';
import type { Output } from '../../src/cli/output.ts';
import { clockFrom } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { startTestApp, TEST_SIMULATOR_KEY, type TestApp } from '../support/test-app.ts';

/** 22:30 in Abidjan (UTC+0), inside the sample's quiet hours (21:00–07:00): 23:30 in Paris. */
const NIGHT = new Date('2027-01-11T22:30:00Z');

describe('compagnon release during quiet hours', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(NIGHT) });
    await importSample(t.test.db);
    const cohort = await t.test.db.cohort.findFirstOrThrow();
    const hub = await t.test.db.hub.findFirstOrThrow({ where: { key: 'abidjan' } });
    await t.test.db.person.create({
      data: {
        displayName: 'Awa',
        roles: ['participant'],
        locale: 'fr',
        hubId: hub.id,
        enrolments: { create: { cohortId: cohort.id, role: 'participant', joinedAt: NIGHT } },
        identities: { create: { channel: 'simulator', platformId: 'sim-awa' } },
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('says how many messages the quiet hours hold and when they will go', async () => {
    const lines: string[] = [];
    const out: Output = { info: (line) => lines.push(line), error: (line) => lines.push(line) };
    await runRelease({ exercise: 'semaine-1' }, { release: { ...t.context, mediaDir: t.mediaDir }, out });
    expect(lines[0]).toBe('released to 1 participant(s); 0 already had it');
    // 07:00 the next morning in Abidjan is 08:00 in Paris, the programme's zone.
    expect(lines[1]).toMatch(
      /^\d+ messages? to 1 participant held by quiet hours \(21:00–07:00 local time\); they will go on 12 January 2027 at 08:00 \(Europe\/Paris time\)$/,
    );
    const planned = await t.test.db.outboundMessage.findMany({ where: { purpose: 'exercise_release' } });
    expect(planned.length).toBeGreaterThan(0);
    expect(lines[1]).toContain(`${planned.length} message`);
  });

  it("shows under the chat in the simulator when the held messages will go, in the person's time", async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/simulator/api/messages?person=sim-awa',
      headers: { 'x-simulator-key': TEST_SIMULATOR_KEY },
    });
    expect(response.statusCode).toBe(200);
    const { held } = response.json<{ held?: { messages: number; text: string } }>();
    expect(held?.text).toBe(
      `${held?.messages} message(s) retenu(s) par les heures calmes (21:00–07:00, heure locale) : ils partiront le mardi 12 janvier à 07:00 (Africa/Abidjan).`,
    );
  });
});
