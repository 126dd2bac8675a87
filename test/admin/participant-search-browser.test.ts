import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { launchBrowser, TEST_OUTPUT_DIR } from '../support/browser.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';

/** A staff member on a phone: finds a participant by typing part of her name, then downloads a CSV by clicking. */
describe('finding participants and downloading an export, on a phone', () => {
  const now = SAMPLE_DAYTIME;
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startAdminTestApp({ now: () => now });
    seed = await seedCohort(app.test.db, now);
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
    const link = await createSignInLink(app.test.db, { personId: seed.staffId, now, validMinutes: 15 });
    if (!link.ok) throw new Error(link.reason);
    await page.goto(`${app.baseUrl}/admin/sign-in/${link.token}`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${app.baseUrl}/admin`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('finds Salma by typing « salm » and filtering on Tunisia, in an address that can be bookmarked', async () => {
    await page.getByRole('link', { name: 'Participants', exact: true }).click();
    await page.getByText('1–6 sur 6').waitFor();
    await page.getByLabel('Nom, ou une partie du nom').fill('SALM');
    await page.getByLabel('Pays').selectOption({ label: 'Tunisie' });
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.getByText('1–1 sur 1').waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/admin/participants');
    expect(url.searchParams.get('q')).toBe('SALM');
    expect(url.searchParams.get('country')).toBe('TN');
    await expect.poll(() => page.locator('table.participants a').allTextContents()).toEqual(['Salma']);
    // Nothing wider than the phone.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'participants-search-phone.png'), fullPage: true });
  });

  it('downloads the participants CSV by clicking its link', async () => {
    const link = page.getByRole('link', { name: 'participants.csv' });
    await link.scrollIntoViewIfNeeded();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^participants-promo-2027-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = path.join(TEST_OUTPUT_DIR, `clicked-${download.suggestedFilename()}`);
    await download.saveAs(file);
    const [header, ...rows] = readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter((line) => line !== '');
    expect(header).toBe('id_personne,nom,statut,hub,pays,fuseau_horaire,langue,canaux,mentor,inscrit_le,statut_depuis');
    // The whole cohort, as the page says: not only the search's result.
    expect(rows).toHaveLength(6);
    expect(
      await app.test.db.auditLog.count({ where: { actorId: seed.staffId, action: 'export.csv' } }),
    ).toBeGreaterThan(0);
  });
});
