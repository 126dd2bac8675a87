import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { launchBrowser, TEST_OUTPUT_DIR } from '../support/browser.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { seedApplications, type SeededApplications } from '../support/seed-applications.ts';

/** Claire reviews applications on her phone (390×844): reads one with a photo, grades, shortlists and accepts it. */
describe('the applications pages on a phone', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;
  let applications: SeededApplications;
  let browser: Browser;

  beforeAll(async () => {
    app = await startAdminTestApp({
      now: clockFrom(SAMPLE_DAYTIME),
      chatAccounts: { telegramBotUsername: 'CompagnonBot', whatsappBusinessNumber: '2250700000001' },
    });
    seed = await seedCohort(app.test.db, SAMPLE_DAYTIME);
    applications = await seedApplications(app.test.db, SAMPLE_DAYTIME, { mediaDir: app.mediaDir });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');
  /** Controls of the page's own content smaller than a thumb (40 px high); a radio button's target is its label. */
  const smallTargets = (page: Page) =>
    page.evaluate<
      string[]
    >(`[...document.querySelectorAll('main button, main select, main input:not([type=hidden]):not([type=radio]), main textarea, main label:has(input[type=radio])')]
      .filter((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().height < 40)
      .map((el) => el.outerHTML.slice(0, 80))`);
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(TEST_OUTPUT_DIR, `applications-${name}.png`), fullPage: true });

  it('opens the list, reads an application with its photo, grades it, shortlists and accepts it', async () => {
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

      await page.getByRole('navigation').getByRole('link', { name: 'Candidatures', exact: true }).click();
      await page.getByRole('heading', { name: 'Candidatures', level: 1 }).waitFor();
      expect(await page.locator('svg.qr').count()).toBe(3);
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      expect(await smallTargets(page)).toEqual([]);
      await shot(page, 'list');

      await page.getByRole('link', { name: 'Aminata Sow' }).click();
      await page.getByRole('heading', { name: 'Aminata Sow', level: 1 }).waitFor();
      const photo = page.locator('img.answer-photo');
      await photo.waitFor();
      expect(
        await photo.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth),
      ).toBe(320);
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      expect(await smallTargets(page)).toEqual([]);
      await shot(page, 'application');

      await page.getByLabel('Votre note (de 1 à 5)').selectOption('4');
      await page.getByLabel('Votre commentaire (facultatif)').fill('Projet concret, équipe solide.');
      await page.getByRole('button', { name: 'Enregistrer ma note' }).click();
      await page.getByText('Votre note est enregistrée.').waitFor();
      await page.getByText('Moyenne : 4 / 5 (1 note)').waitFor();

      await page.getByRole('button', { name: 'Présélectionner' }).click();
      await page.getByText('Cette candidature est présélectionnée.').waitFor();

      await page.getByLabel('Acceptée').check();
      await page.getByRole('button', { name: 'Continuer' }).click();
      await page.getByRole('heading', { name: 'Confirmer la décision pour Aminata Sow' }).waitFor();
      await page.getByText('Bonne nouvelle, Aminata Sow').waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      await shot(page, 'confirm');
      await page.getByRole('button', { name: 'Confirmer : accepter' }).click();
      await page.getByText('Candidature acceptée : la personne est inscrite, et le message lui est envoyé.').waitFor();
      await shot(page, 'accepted');

      const application = await app.test.db.application.findUniqueOrThrow({
        where: { id: applications.aminata.applicationId },
      });
      expect(application).toMatchObject({ decision: 'accepted', shortlisted: true });
      expect(
        await app.test.db.enrolment.count({ where: { personId: applications.aminata.personId, role: 'participant' } }),
      ).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
