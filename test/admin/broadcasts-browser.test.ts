import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { launchBrowser, TEST_OUTPUT_DIR } from '../support/browser.ts';
import type { TestApp } from '../support/test-app.ts';

describe('broadcasts and exports, in a browser', () => {
  let app: TestApp & { baseUrl: string };
  let seed: SeededCohort;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startAdminTestApp();
    seed = await seedCohort(app.test.db, new Date(), { mediaDir: app.mediaDir });
    await app.test.db.person.update({
      where: { id: seed.participantIds[0]! },
      data: { displayName: 'Awa Kouassi, « la cheffe »' },
    });
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'fr-FR', acceptDownloads: true })).newPage();
    // Claire signs in with her one-time link, as she would from the link sent in chat.
    const link = await createSignInLink(app.test.db, { personId: seed.staffId, now: new Date(), validMinutes: 15 });
    if (!link.ok) throw new Error(link.reason);
    await page.goto(`${app.baseUrl}/admin/sign-in/${link.token}`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${app.baseUrl}/admin`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('composes, previews and schedules a broadcast', async () => {
    await page.goto(`${app.baseUrl}/admin/broadcasts`);
    await page.getByRole('link', { name: 'Nouvelle annonce' }).click();
    await page.getByLabel('Promotion 2027').check();
    await page.getByLabel('Français').fill('Atelier en ligne demain à 15h (heure de Paris).');
    await page.getByLabel('Anglais').fill('Online workshop tomorrow at 15:00 (Paris time).');
    await page.getByLabel('Envoyer plus tard').check();
    const at = DateTime.now()
      .setZone('Europe/Paris')
      .plus({ days: 3 })
      .set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    await page.getByLabel('Date et heure (Europe/Paris)').fill(at.toFormat("yyyy-LL-dd'T'HH:mm"));
    await page.getByRole('button', { name: 'Aperçu' }).click();

    await page.getByRole('heading', { name: 'Ce qui sera envoyé' }).waitFor();
    // Awa, Boubacar, Salma and Fatou: Espoir is paused and Rivo stopped.
    expect(await page.locator('[data-count="recipients"]').textContent()).toBe('4');
    await expect.poll(() => page.getByText('(heure locale)').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'broadcast-preview.png'), fullPage: true });

    await page.getByRole('button', { name: 'Programmer' }).click();
    await page.waitForURL(/\/admin\/broadcasts\/\w+$/);
    expect(await page.locator('[data-status]').textContent()).toBe('Programmée');
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'broadcast-scheduled.png'), fullPage: true });
    const stored = await app.test.db.broadcast.findFirstOrThrow({ include: { segment: true } });
    expect(stored).toMatchObject({
      status: 'scheduled',
      scheduledAt: at.toJSDate(),
      texts: { en: 'Online workshop tomorrow at 15:00 (Paris time).' },
    });

    await page.getByRole('link', { name: 'Toutes les annonces' }).click();
    await page.getByRole('link', { name: 'Programmée' }).waitFor();
    await page.goto(`${app.baseUrl}/admin/schedule?cohort=${seed.cohortId}`);
    await page.getByRole('link', { name: /^Annonce : « / }).waitFor();
    expect(await page.getByRole('link', { name: /^Annonce : « / }).getAttribute('href')).toBe(
      `/admin/broadcasts/${stored.id}`,
    );
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'schedule-preview.png'), fullPage: true });
  });

  it('downloads the participants CSV, which a spreadsheet reads with its accents', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      // Navigating to an attachment starts a download instead of a page, and the navigation is aborted.
      page.goto(`${app.baseUrl}/admin/exports/participants.csv?cohort=${seed.cohortId}`).catch(() => null),
    ]);
    expect(download.suggestedFilename()).toMatch(/^participants-promo-2027-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = path.join(TEST_OUTPUT_DIR, download.suggestedFilename());
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = bytes.toString('utf8').slice(1);
    const [header, ...rows] = text.split('\r\n').filter((line) => line !== '');
    expect(header).toBe('id_personne,nom,statut,hub,pays,fuseau_horaire,langue,canaux,mentor,inscrit_le,statut_depuis');
    expect(rows).toHaveLength(6);
    expect(text).toContain(`${seed.participantIds[0]},"Awa Kouassi, « la cheffe »",actif,Abidjan,CI,`);
    expect(text).toContain('Rivo,désinscrit,Antananarivo,MG');
  });
});
