import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCohort, signInAs, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import type { TestApp } from '../support/test-app.ts';

/** Saturday 20 March 2027, 10:00 UTC: Paris is on winter time (UTC+1) until 28 March. */
const NOW = new Date('2027-03-20T10:00:00Z');

describe('a dashboard announcement written in a city’s time', () => {
  let app: TestApp & { baseUrl: string };
  let seed: SeededCohort;
  let staff: { cookie: string; csrfToken: string };
  let abidjan: string;

  const post = (url: string, fields: [string, string][]) =>
    app.app.inject({
      method: 'POST',
      url,
      headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_csrf', staff.csrfToken], ...fields]).toString(),
    });
  const form = (timesIn: string | null, audience: [string, string][]): [string, string][] => [
    ['programme', seed.programmeId],
    ...audience,
    ['text_fr', "L'atelier du 6 avril commence à 15h00."],
    ['text_en', 'The workshop on 6 April starts at 15:00.'],
    ...(timesIn ? [['times_in', timesIn] as [string, string]] : []),
    ['when', 'now'],
    ['at', ''],
  ];

  beforeAll(async () => {
    app = await startAdminTestApp({ now: () => NOW });
    seed = await seedCohort(app.test.db, NOW, { mediaDir: app.mediaDir });
    abidjan = (await app.test.db.hub.findFirstOrThrow({ where: { key: 'abidjan' } })).id;
    staff = await signInAs(app.app, app.test.db, seed.staffId, NOW);
  });

  afterAll(async () => {
    await app.close();
  });

  it('offers to write the times in the city’s time, the default', async () => {
    const compose = await app.app.inject({
      method: 'GET',
      url: '/admin/broadcasts/new',
      headers: { cookie: staff.cookie },
    });
    expect(compose.body).toContain('<select name="times_in">');
    expect(compose.body).toMatch(/<option value="audience" selected>à l&#39;heure de la ville visée/);
    expect(compose.body).toContain('<option value="programme">à l&#39;heure du programme (Paris)</option>');
  });

  it('shows Abidjan readers the time as written for Abidjan', async () => {
    const preview = await post('/admin/broadcasts/preview', form(null, [['hub', abidjan]]));
    expect(preview.statusCode).toBe(200);
    const text = preview.body.replace(/&#39;/g, "'");
    expect(text).toContain("Heures du texte lues à l'heure de la ville visée : Abidjan (Africa/Abidjan).");
    // Awa reads French, Fatou English; both in Abidjan, both read 15:00.
    expect(text).toContain('<h3>Abidjan (1 lecteur, en français)</h3>');
    expect(text).toContain('<div class="message" lang="fr">L\'atelier du 6 avril commence à 15h00.</div>');
    expect(text).toContain('<h3>Abidjan (1 lecteur, en anglais)</h3>');
    expect(text).toContain('<div class="message" lang="en">The workshop on 6 April starts at 15:00.</div>');
  });

  it("reads the programme's times on the day the text names, after Paris moves to summer time", async () => {
    const preview = await post('/admin/broadcasts/preview', form('programme', []));
    const text = preview.body.replace(/&#39;/g, "'");
    expect(text).toContain("Heures du texte lues à l'heure du programme : Paris (Europe/Paris).");
    // On 6 April Paris is UTC+2: 15:00 there is 13:00 in Abidjan and Ouagadougou, 14:00 in Tunis.
    expect(text).toContain('<h3>Abidjan, Ouagadougou (2 lecteurs, en français)</h3>');
    expect(text).toContain("L'atelier du 6 avril commence à 13h00 (heure locale).");
    expect(text).toContain('<h3>Tunis (1 lecteur, en français)</h3>');
    expect(text).toContain("L'atelier du 6 avril commence à 14h00 (heure locale).");
  });

  it('keeps the zone the times are in with the broadcast, and its report says it', async () => {
    const sent = await post('/admin/broadcasts', [
      ...form(null, [['hub', abidjan]]),
      ['draft', 'abidjan-workshop'],
      ['confirm', 'yes'],
    ]);
    expect(sent.statusCode).toBe(303);
    const broadcast = await app.test.db.broadcast.findFirstOrThrow();
    expect(broadcast.timesZone).toBe('Africa/Abidjan');
    const report = await app.app.inject({
      method: 'GET',
      url: `/admin/broadcasts/${broadcast.id}`,
      headers: { cookie: staff.cookie },
    });
    expect(report.body.replace(/&#39;/g, "'")).toContain(
      "Heures du texte lues à l'heure de la ville visée : Abidjan (Africa/Abidjan).",
    );
  });
});
