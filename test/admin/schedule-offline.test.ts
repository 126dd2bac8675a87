import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatScheduledItem } from '../../src/cli/format-scheduled-item.ts';
import { previewSchedule } from '../../src/store/programmes/preview-schedule.ts';
import { signInAs, startAdminTestApp } from '../support/admin-app.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';

function readable(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

/** The schedule preview shows the offline periods to come and what they hold back. */
describe('the schedule preview with an offline period to come', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let staff: { cookie: string; csrfToken: string };
  let cohortId: string;

  beforeAll(async () => {
    app = await startAdminTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    const db = app.test.db;
    await importSample(db);
    cohortId = (await db.cohort.findFirstOrThrow({ where: { key: 'promo-2027' } })).id;
    const hubId = async (key: string) => (await db.hub.findFirstOrThrow({ where: { key } })).id;
    const claire = await db.person.create({
      data: {
        displayName: 'Claire',
        roles: ['staff'],
        locale: 'fr',
        enrolments: { create: { cohortId, role: 'staff' } },
      },
    });
    for (const [name, hub] of [
      ['Awa', 'abidjan'],
      ['Salma', 'tunis'],
    ] as const)
      await db.person.create({
        data: {
          displayName: name,
          roles: ['participant'],
          locale: 'fr',
          hubId: await hubId(hub),
          enrolments: { create: { cohortId, role: 'participant', status: 'active', joinedAt: SAMPLE_DAYTIME } },
        },
      });
    // Tunis offline over the first release (Monday 11 January 2027, 09:00 local), back on the 13th.
    await db.offlinePeriod.create({
      data: {
        cohortId,
        hubId: await hubId('tunis'),
        startsAt: new Date('2027-01-10T08:00:00Z'),
        endsAt: new Date('2027-01-13T17:00:00Z'),
        moveDeadlines: true,
        via: 'dashboard',
        createdById: claire.id,
      },
    });
    // Kofi is paused already (PAUSE, or a period running) until Tuesday 12 January.
    await db.person.create({
      data: {
        displayName: 'Kofi',
        roles: ['participant'],
        locale: 'fr',
        hubId: await hubId('abidjan'),
        enrolments: {
          create: {
            cohortId,
            role: 'participant',
            status: 'paused',
            statusBeforeStop: 'active',
            pausedUntil: new Date('2027-01-12T00:00:00Z'),
            joinedAt: SAMPLE_DAYTIME,
          },
        },
      },
    });
    // Awa alone is away over the release of Monday 1 February; Noa, who has no hub yet, is not.
    const awa = await db.person.findFirstOrThrow({ where: { displayName: 'Awa' } });
    await db.person.create({
      data: {
        displayName: 'Noa',
        roles: ['participant'],
        locale: 'fr',
        enrolments: { create: { cohortId, role: 'participant', status: 'active', joinedAt: SAMPLE_DAYTIME } },
      },
    });
    await db.offlinePeriod.create({
      data: {
        cohortId,
        personId: awa.id,
        startsAt: new Date('2027-01-31T00:00:00Z'),
        endsAt: new Date('2027-02-02T00:00:00Z'),
        via: 'chat',
      },
    });
    staff = await signInAs(app.app, db, claire.id, SAMPLE_DAYTIME);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lists the period and marks the release it holds back, on the page and on the command line', async () => {
    const page = await app.app.inject({
      method: 'GET',
      url: `/admin/schedule?cohort=${cohortId}`,
      headers: { cookie: staff.cookie },
    });
    expect(page.statusCode).toBe(200);
    const text = readable(page.body);
    expect(text).toContain('Périodes hors ligne');
    expect(text).toMatch(/Hub de Tunis · du dimanche 10 janvier 2027 \d\d:00 au mercredi 13 janvier 2027/);
    expect(text).toMatch(
      /09:00, heure locale à Tunis \(08:00 UTC\) : 1 participant — hors ligne : attend la fin de la période, mercredi 13 janvier 18:00/,
    );
    // Abidjan is not concerned.
    expect(text).toMatch(/09:00, heure locale à Abidjan \(09:00 UTC\) : 1 participant Qui/);
    expect(page.body).toContain(`href="/admin/cohorts/${cohortId}/operations"`);

    const preview = await previewSchedule(app.test.db, 'promo-2027', SAMPLE_DAYTIME, 366, 'fr');
    const lines = preview.items.filter((item) => item.what.kind === 'release').map(formatScheduledItem);
    expect(lines.find((line) => line.includes('Salma'))).toMatch(/\[offline: waits until 2027-01-13 17:00 UTC\]$/);
    expect(lines.find((line) => line.includes('Awa'))).not.toContain('offline');
    // One person's period holds back her own release, nobody else's (not those without a hub either).
    const awaLines = lines.filter((line) => line.includes('Awa') && line.includes('offline'));
    expect(awaLines).toEqual([expect.stringMatching(/^2027-02-01 .*\[offline: waits until 2027-02-02 00:00 UTC\]$/)]);
    expect(lines.filter((line) => line.includes('Noa') && line.includes('offline'))).toEqual([]);
    // Someone paused now is still listed: held until their return, then as everyone.
    const kofi = lines.filter((line) => line.includes('Kofi'));
    expect(kofi.filter((line) => line.includes('offline'))).toEqual([
      expect.stringMatching(/^2027-01-11 .*\[offline: waits until 2027-01-12 00:00 UTC\]$/),
    ]);
    expect(kofi.length).toBeGreaterThan(1);
  });
});
