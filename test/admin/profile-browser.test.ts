import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { addStaffMember } from '../../src/store/people/add-staff-member.ts';
import { startAdminTestApp } from '../support/admin-app.ts';
import { launchBrowser, TEST_OUTPUT_DIR } from '../support/browser.ts';
import { importSample } from '../support/sample-programme.ts';

describe('the profile page, on a phone', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let browser: Browser;

  beforeAll(async () => {
    app = await startAdminTestApp({
      chatAccounts: { telegramBotUsername: 'CompagnonBot', whatsappBusinessNumber: '33612345678' },
    });
    await importSample(app.test.db);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('leads from the name in the header to a join code with its links, readable at 390 px', async () => {
    const { personId } = await addStaffMember(app.test.db, {
      name: 'Fatou Diop',
      programme: 'connexions-citoyennes',
      now: new Date(),
    });
    const link = await createSignInLink(app.test.db, { personId, now: new Date(), validMinutes: 15 });
    if (!link.ok) throw new Error(link.reason);
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/admin/sign-in/${link.token}`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${app.baseUrl}/admin`);

    await page.getByRole('link', { name: /Fatou Diop/ }).click();
    await page.getByRole('heading', { name: 'Mon profil', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Obtenir un code' }).click();
    const code = page.locator('.join-code');
    await code.waitFor();
    const text = (await code.textContent()) ?? '';
    expect(text).toMatch(/^[A-Z2-9]{8}$/);
    await expect
      .poll(() => page.getByRole('link', { name: `https://t.me/CompagnonBot?start=${text}` }).isVisible())
      .toBe(true);
    // Nothing wider than the phone: the long links wrap.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'profile-page-phone.png'), fullPage: true });
    await context.close();
  });
});
