import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorPage } from '../../../src/channels/simulator/page.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../../support/clock.ts';
import { importSample } from '../../support/sample-programme.ts';
import { SimulatedPerson, simulatorHeaders } from '../../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';

describe('a trainer made in the simulator', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    await importSample(t.test.db);
  });

  afterAll(async () => {
    await t.close();
  });

  const create = (payload: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/simulator/api/people', headers: simulatorHeaders(t), payload });

  it('runs the hub chosen: the role, a trainer enrolment and the hub, and gets a dashboard link', async () => {
    const response = await create({ name: 'Aline', role: 'trainer', hub: 'bukavu' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ name: 'Aline', role: 'trainer', hub: 'bukavu' });
    const person = await t.test.db.person.findUniqueOrThrow({
      where: { id: response.json().personId },
      include: { enrolments: { include: { cohort: true } }, trainerHubs: { include: { hub: true } }, hub: true },
    });
    expect(person.roles).toEqual(['trainer']);
    expect(person.hub?.key).toBe('bukavu');
    expect(person.enrolments.map((e) => [e.role, e.status, e.cohort.key])).toEqual([
      ['trainer', 'active', 'promo-2027'],
    ]);
    expect(person.trainerHubs.map((row) => [row.hub.key, row.cohortId, row.endedAt])).toEqual([
      ['bukavu', person.enrolments[0]!.cohortId, null],
    ]);

    const listed = await t.app.inject({ method: 'GET', url: '/simulator/api/people', headers: simulatorHeaders(t) });
    expect(listed.json().people).toContainEqual(
      expect.objectContaining({ name: 'Aline', roles: ['trainer'], hub: 'bukavu' }),
    );

    // A trainer with a hub may sign in to the dashboard.
    const aline = new SimulatedPerson(t, response.json().id, response.json().personId);
    const [link] = await aline.send('TABLEAU DE BORD');
    expect(link?.text).toContain('Votre lien vers le tableau de bord');
  });

  it('refuses a trainer without a hub, and creates no one', async () => {
    const before = await t.test.db.person.count();
    const response = await create({ name: 'Sans ville', role: 'trainer' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('a trainer runs a hub: choose the hub (and a cohort must exist)');
    expect(await t.test.db.person.count()).toBe(before);
  });

  it('offers trainers in the form only where no real people are', () => {
    const roles = (page: string) =>
      [...(page.match(/<select name="role">(.*?)<\/select>/)?.[1] ?? '').matchAll(/value="(\w+)"/g)].map((m) => m[1]);
    expect(roles(simulatorPage({ participantsOnly: false }))).toEqual([
      'participant',
      'newcomer',
      'mentor',
      'trainer',
      'staff',
    ]);
    expect(roles(simulatorPage({ participantsOnly: true }))).toEqual(['participant', 'newcomer']);
  });
});
