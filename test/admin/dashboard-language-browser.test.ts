import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { launchBrowser, TEST_OUTPUT_DIR } from '../support/browser.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';

/** Claire speaks French in chat and her phone is set to English: she reads the dashboard in the language she picks. */
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

  it('opens a link in its owner’s language, switches on a phone without script, and stays on the page', async () => {
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
      // Claire speaks French with Compagnon: her link's page is in French, whatever her browser says.
      await page.getByRole('heading', { name: 'Connexion au tableau de bord' }).waitFor();
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'language-sign-in-fr.png'), fullPage: true });
      // She reads it in English, and signs in: the dashboard stays in English.
      await page.getByRole('link', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Sign in to the dashboard' }).waitFor();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${app.baseUrl}/admin`);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');

      await page.getByRole('link', { name: 'Participants' }).first().click();
      await page.waitForURL(/\/admin\/participants/);
      const header = page.locator('header');
      const toFrench = header.getByRole('button', { name: 'Français' });
      expect(await toFrench.isVisible()).toBe(true);
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'language-switch-en-phone.png'), fullPage: false });
      await toFrench.click();
      await page.waitForURL(`${app.baseUrl}/admin/participants`);
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      await header.getByRole('button', { name: 'Se déconnecter' }).waitFor();
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'language-switch-fr-phone.png'), fullPage: false });
      // Nothing in the header runs off a phone's screen.
      const width = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(390);
      await header.getByRole('button', { name: 'English' }).click();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
    } finally {
      await context.close();
    }
  });
});
