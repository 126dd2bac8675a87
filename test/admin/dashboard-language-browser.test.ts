import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { launchBrowser, TEST_OUTPUT_DIR } from '../support/browser.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';

/** A French trainer's browser, an English-speaking staff member: each reads the dashboard in theirs. */
describe('the dashboard’s language in a browser', () => {
  const now = SAMPLE_DAYTIME;
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;
  let browser: Browser;

  beforeAll(async () => {
    app = await startAdminTestApp({ now: () => now });
    seed = await seedCohort(app.test.db, now);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('opens a link in the browser’s language, switches on a phone without script, and stays on the page', async () => {
    const context = await browser.newContext({
      locale: 'en-GB',
      viewport: { width: 390, height: 844 },
      javaScriptEnabled: false,
    });
    try {
      const page = await context.newPage();
      const link = await createSignInLink(app.test.db, { personId: seed.staffId, now, validMinutes: 15 });
      if (!link.ok) throw new Error(link.reason);
      await page.goto(`${app.baseUrl}/admin/sign-in/${link.token}`);
      await page.getByRole('heading', { name: 'Sign in to the dashboard' }).waitFor();
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'language-sign-in-en.png'), fullPage: true });
      // The link's page in French, for someone whose browser says English but who reads French.
      await page.getByRole('link', { name: 'Français' }).click();
      await page.getByRole('heading', { name: 'Connexion au tableau de bord' }).waitFor();
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(`${app.baseUrl}/admin`);
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');

      await page.getByRole('link', { name: 'Participants' }).first().click();
      await page.waitForURL(/\/admin\/participants/);
      const header = page.locator('header');
      const toEnglish = header.getByRole('button', { name: 'English' });
      expect(await toEnglish.isVisible()).toBe(true);
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'language-switch-fr-phone.png'), fullPage: false });
      await toEnglish.click();
      await page.waitForURL(`${app.baseUrl}/admin/participants`);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await header.getByRole('button', { name: 'Sign out' }).waitFor();
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'language-switch-en-phone.png'), fullPage: false });
      // Nothing in the header runs off a phone's screen.
      const width = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(390);
      await header.getByRole('button', { name: 'Français' }).click();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    } finally {
      await context.close();
    }
  });
});
