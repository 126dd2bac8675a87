import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { seedCohort, seedSecondProgramme, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { launchBrowser, TEST_OUTPUT_DIR } from '../support/browser.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { seedSessions } from '../support/seed-sessions.ts';

/** The Sessions pages and a roll call taken on a phone (390×844), in headless Chromium. */
describe('sessions on a phone', () => {
  let now = SAMPLE_DAYTIME;
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;
  let browser: Browser;

  beforeAll(async () => {
    app = await startAdminTestApp({ now: () => now });
    seed = await seedCohort(app.test.db, now);
    await seedSessions(app.test.db, now, seed, await seedSecondProgramme(app.test.db, now, seed));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const fitsWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

  it('opens the Sessions page, a session and its roll call, ticks two people and sees the counts change', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    // The morning of the workshop, 09:15 in Abidjan: its roll call is open.
    now = new Date('2027-03-09T09:15:00Z');
    try {
      const link = await createSignInLink(app.test.db, { personId: seed.staffId, now, validMinutes: 15 });
      if (!link.ok) throw new Error(link.reason);
      await page.goto(`${app.baseUrl}/admin/sign-in/${link.token}`);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(`${app.baseUrl}/admin`);

      await page.getByRole('navigation').getByRole('link', { name: 'Sessions' }).click();
      await page.getByRole('heading', { name: 'Sessions', level: 1 }).waitFor();
      await page.getByText('mardi 9 mars 2027, 09:00–12:00 — Tunis, Abidjan, Ouagadougou').waitFor();
      expect(await fitsWidth(page)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'sessions-list-phone.png'), fullPage: true });

      await page.getByRole('link', { name: 'Atelier : cartographier son projet' }).click();
      await page.getByRole('heading', { name: 'Atelier : cartographier son projet', level: 1 }).waitFor();
      const abidjan = page.getByRole('region', { name: 'Abidjan' });
      const code = abidjan.locator('.code');
      // The code is read across a room: large, and whole on the screen.
      const codeBox = await code.boundingBox();
      expect(codeBox!.height).toBeGreaterThan(40);
      expect(codeBox!.x + codeBox!.width).toBeLessThanOrEqual(390);
      expect(await abidjan.locator('.count-attended b').textContent()).toBe('0');
      expect(await fitsWidth(page)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'session-page-phone.png'), fullPage: true });
      await abidjan.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'session-venue-phone.png') });

      await abidjan.getByRole('link', { name: "Faire l'appel" }).click();
      await page.getByRole('heading', { name: 'Appel — Abidjan', level: 1 }).waitFor();
      await page.getByText('Présents : 0 sur 3').waitFor();
      const awa = page.getByRole('checkbox', { name: /Awa/ });
      const box = await awa.boundingBox();
      expect(box!.width).toBeGreaterThanOrEqual(30);
      expect(box!.height).toBeGreaterThanOrEqual(30);
      expect(await fitsWidth(page)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'roll-call-phone.png'), fullPage: true });

      // A thumb on the name ticks the box too.
      await page.getByText('Awa', { exact: true }).click();
      await page.getByRole('checkbox', { name: /Fatou/ }).check();
      expect(await awa.isChecked()).toBe(true);
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'roll-call-phone-ticked.png') });
      await page.getByRole('button', { name: "Enregistrer l'appel" }).click();
      await page.getByText('Appel enregistré : 2 marqué(s) présent(s), 0 retiré(s).').waitFor();
      await page.getByText('Présents : 2 sur 3').waitFor();
      expect(await page.getByRole('checkbox', { name: /Fatou/ }).isChecked()).toBe(true);
      expect(await page.getByRole('checkbox', { name: /Mme Diallo/ }).isChecked()).toBe(false);
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'roll-call-phone-saved.png'), fullPage: true });

      await page.getByRole('link', { name: 'Retour à la session' }).click();
      await page.getByRole('heading', { name: 'Atelier : cartographier son projet', level: 1 }).waitFor();
      expect(await page.getByRole('region', { name: 'Abidjan' }).locator('.count-attended b').textContent()).toBe('2');
      await page.screenshot({
        path: path.join(TEST_OUTPUT_DIR, 'session-page-phone-after-roll-call.png'),
        fullPage: true,
      });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
