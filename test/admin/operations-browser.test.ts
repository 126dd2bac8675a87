import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { launchBrowser, TEST_OUTPUT_DIR } from '../support/browser.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import type { TestApp } from '../support/test-app.ts';

/** Claire, on her phone (390×844), sets an offline period for the Abidjan hub from the cohort's operations. */
describe('the cohort’s operations, in a browser on a phone', () => {
  let app: TestApp & { baseUrl: string };
  let seed: SeededCohort;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startAdminTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    seed = await seedCohort(app.test.db, SAMPLE_DAYTIME);
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } })).newPage();
    const link = await createSignInLink(app.test.db, { personId: seed.staffId, now: SAMPLE_DAYTIME, validMinutes: 15 });
    if (!link.ok) throw new Error(link.reason);
    await page.goto(`${app.baseUrl}/admin/sign-in/${link.token}`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${app.baseUrl}/admin`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('goes from the cohort page to the operations, previews a hub’s period and saves it', async () => {
    await page.goto(`${app.baseUrl}/admin/cohorts/${seed.cohortId}`);
    await page.getByRole('link', { name: /Opérations/ }).click();
    await page.getByRole('heading', { name: 'Périodes hors ligne' }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'operations.png'), fullPage: true });

    await page.getByLabel('Un hub :').check();
    await page.getByRole('combobox', { name: 'Ville' }).selectOption({ label: 'Abidjan' });
    await page.getByLabel('Fin').fill('2026-11-22T18:00');
    await page.getByRole('button', { name: 'Voir qui est concerné' }).click();
    await page.getByText('Hub de Abidjan').waitFor();
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'operations-offline-preview.png'), fullPage: true });
    await page.getByRole('button', { name: 'Enregistrer la période' }).click();
    await page.getByText('La période hors ligne est enregistrée.').waitFor();
    expect(await page.getByText('En cours (1)').isVisible()).toBe(true);
    expect(await app.test.db.offlinePeriod.count({ where: { hubId: { not: null } } })).toBe(1);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'operations-saved.png'), fullPage: true });
  });
});
