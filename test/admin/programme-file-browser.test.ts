import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { launchBrowser, TEST_OUTPUT_DIR } from '../support/browser.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';

const SAMPLE = readFileSync(new URL('../../examples/connexions-citoyennes.yaml', import.meta.url), 'utf8');

/** Claire loads the next version of the programme file from her phone (390×844): refused first, then applied. */
describe('the programme file on a phone', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;
  let browser: Browser;

  beforeAll(async () => {
    app = await startAdminTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    seed = await seedCohort(app.test.db, SAMPLE_DAYTIME);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');
  const file = (name: string, text: string) => ({ name, mimeType: 'application/yaml', buffer: Buffer.from(text) });

  it('shows the problems of a broken file, then previews and applies a good one', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      // The refused file's page is answered with 400 on purpose; the browser reports it as an error.
      if (message.type() === 'error' && !message.text().includes('status of 400')) problems.push(message.text());
    });
    try {
      const link = await createSignInLink(app.test.db, {
        personId: seed.staffId,
        now: app.deps.now(),
        validMinutes: 15,
      });
      if (!link.ok) throw new Error(link.reason);
      await page.goto(`${app.baseUrl}/admin/sign-in/${link.token}`);
      await page.getByRole('button').last().click();
      await page.waitForURL(`${app.baseUrl}/admin`);

      await page.getByRole('navigation').getByRole('link', { name: 'Fichier du programme', exact: true }).click();
      await page.getByRole('heading', { name: 'Fichier du programme', level: 1 }).waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);

      const broken = SAMPLE.replace('        type: choice', '        type: choix').replace(
        'deadline: week 1, sunday 23:59',
        'deadline: week 1, sundy 23:59',
      );
      await page.getByLabel('Fichier du programme (.yaml)').setInputFiles(file('programme-v2.yaml', broken));
      await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
      await page.getByRole('heading', { name: 'Fichier refusé : programme-v2.yaml' }).waitFor();
      expect(await page.locator('.problems > li').count()).toBe(2);
      await expect(page.locator('.problems mark').first().isVisible()).resolves.toBe(true);
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'programme-refused-phone.png'), fullPage: true });

      const next = SAMPLE.replace('version: "2027.1"', 'version: "2027.2"').replace(
        'name: { fr: Promotion 2027, en: 2027 cohort }',
        'name: { fr: Promotion 2027 (Afrique), en: 2027 cohort (Africa) }',
      );
      await page.getByLabel('Fichier du programme (.yaml)').setInputFiles(file('programme-v2.yaml', next));
      await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
      await page.getByRole('heading', { name: 'Aperçu : Connexions citoyennes, version 2027.2' }).waitFor();
      await page.getByText('Cohorte « promo-2027 »').waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'programme-preview-phone.png'), fullPage: true });

      await page.getByRole('button', { name: 'Appliquer cette version' }).click();
      await page.getByText('La version 2027.2 est appliquée.').waitFor();
      await page.getByText('Version en vigueur : 2027.2').waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'programme-applied-phone.png'), fullPage: true });

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Télécharger le fichier en vigueur' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('programme-v2.yaml');
      expect(readFileSync(await download.path(), 'utf8')).toBe(next);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
