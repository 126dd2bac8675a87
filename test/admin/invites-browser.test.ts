import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { launchBrowser, TEST_OUTPUT_DIR } from '../support/browser.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';

/** Claire, of the programme team, makes invite codes for a workshop on her phone (390×844) and prints them. */
describe('the invites page on a phone', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;
  let browser: Browser;

  beforeAll(async () => {
    app = await startAdminTestApp({
      now: clockFrom(SAMPLE_DAYTIME),
      chatAccounts: { telegramBotUsername: 'CompagnonBot', whatsappBusinessNumber: '2250700000001' },
    });
    seed = await seedCohort(app.test.db, SAMPLE_DAYTIME);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');
  /** Controls of the page's own content smaller than a thumb (40 px high). */
  const smallTargets = (page: Page) =>
    page.evaluate<
      string[]
    >(`[...document.querySelectorAll('main button, main select, main input:not([type=hidden]), main summary')]
      .filter((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().height < 40)
      .map((el) => el.outerHTML.slice(0, 80))`);

  it('creates two codes, sees their QR codes, prints them and revokes one', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
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

      await page.getByRole('navigation').getByRole('link', { name: 'Invitations', exact: true }).click();
      await page.getByRole('heading', { name: 'Invitations', level: 1 }).waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      expect(await smallTargets(page)).toEqual([]);

      await page.getByLabel('Qui rejoint avec ces codes').selectOption({ label: 'Participant' });
      await page.getByLabel('Nombre de codes').fill('2');
      await page.getByLabel('Personnes par code').fill('1');
      await page.getByLabel("Valable jusqu'au (facultatif)").fill('2026-12-31');
      await page.getByRole('button', { name: 'Créer les codes' }).click();
      await page.getByText('2 codes créés.').waitFor();

      const qrCodes = page.locator('.invites svg.qr');
      expect(await qrCodes.count()).toBe(2);
      for (const qr of await qrCodes.all()) {
        expect(await qr.isVisible()).toBe(true);
        const box = (await qr.boundingBox())!;
        // Large enough for a phone camera to read from the screen, and within it.
        expect(box.width).toBeGreaterThanOrEqual(90);
        expect(box.x + box.width).toBeLessThanOrEqual(390);
      }
      expect(await page.getByRole('img', { name: /QR code de l'invitation [A-Z0-9]{8}/ }).count()).toBe(2);
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      expect(await smallTargets(page)).toEqual([]);
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'invites-phone-fr.png'), fullPage: true });

      const codes = await app.test.db.inviteCode.findMany({ where: { cohortId: seed.cohortId } });
      expect(codes).toHaveLength(2);
      expect(codes.every((code) => code.expiresAt?.toISOString() === '2026-12-31T22:59:59.999Z')).toBe(true);

      await page.getByRole('link', { name: 'Imprimer ces codes' }).click();
      await page.getByRole('heading', { name: "Codes d'invitation à imprimer", level: 1 }).waitFor();
      expect(await page.locator('.print-card').count()).toBe(2);
      // One QR code per app on each card.
      expect(await page.locator('.print-card svg.qr').count()).toBe(4);
      for (const code of codes) await page.getByText(`Envoyez REJOINDRE ${code.code}`).waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'invites-print-phone-fr.png'), fullPage: true });
      // On paper: A4, the cards only.
      await page.setViewportSize({ width: 794, height: 1123 });
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('navigation').isVisible()).toBe(false);
      expect(await page.locator('.print-card svg.qr').first().isVisible()).toBe(true);
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'invites-print-a4-fr.png'), fullPage: true });
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 390, height: 844 });

      await page.getByRole('link', { name: '← Retour aux invitations' }).click();
      const first = page.locator(`#code-${codes[0]!.code}`);
      await first.getByText('Révoquer…').click();
      await first.getByRole('button', { name: 'Oui, révoquer ce code' }).click();
      await page.getByText(`Le code ${codes[0]!.code} est révoqué`).waitFor();
      await page.locator(`#code-${codes[0]!.code}`).getByText('Révoqué', { exact: true }).waitFor();
      expect(await page.locator('.invites svg.qr').count()).toBe(1);
      expect(
        (await app.test.db.inviteCode.findUniqueOrThrow({ where: { id: codes[0]!.id } })).revokedAt,
      ).not.toBeNull();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
