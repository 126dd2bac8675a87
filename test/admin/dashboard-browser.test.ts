import path from 'node:path';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { launchBrowser, TEST_OUTPUT_DIR } from '../support/browser.ts';

describe('the dashboard in a browser', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;
  let browser: Browser;

  beforeAll(async () => {
    app = await startAdminTestApp();
    seed = await seedCohort(app.test.db, new Date(), { mediaDir: app.mediaDir });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A browser of its own (cookies and all), in French, at a phone's or a laptop's size. */
  async function open(size: {
    width: number;
    height: number;
  }): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: size });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(message.text());
    });
    // Anything asked of another origin would show here (the test machine has no network anyway).
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(app.baseUrl)) problems.push(`outside request: ${request.url()}`);
    });
    return { context, page, problems };
  }

  async function followLink(page: Page, personId: string): Promise<void> {
    const link = await createSignInLink(app.test.db, { personId, now: new Date(), validMinutes: 15 });
    if (!link.ok) throw new Error(link.reason);
    await page.goto(`${app.baseUrl}/admin/sign-in/${link.token}`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${app.baseUrl}/admin`);
  }

  it('signs staff in from a link and shows the cohort overview with its chart', async () => {
    const { context, page, problems } = await open({ width: 1100, height: 900 });
    try {
      const link = await createSignInLink(app.test.db, { personId: seed.staffId, now: new Date(), validMinutes: 15 });
      if (!link.ok) throw new Error(link.reason);
      await page.goto(`${app.baseUrl}/admin/sign-in/${link.token}`);
      await page.getByRole('heading', { name: 'Connexion au tableau de bord' }).waitFor();
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'dashboard-sign-in.png') });
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(`${app.baseUrl}/admin`);
      await page.getByRole('heading', { name: 'Promotions', level: 1 }).waitFor();
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'dashboard-cohorts.png'), fullPage: true });

      await page.getByRole('link', { name: 'Promotion 2027' }).click();
      await page.getByRole('heading', { name: 'Promotion 2027', level: 1 }).waitFor();
      const chart = page.getByRole('img', { name: /Rendus par semaine/ });
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(500);
      expect(box?.height).toBeGreaterThan(150);
      // Five weeks of deadlines, each a stack of on time / late / missing.
      expect(await chart.locator('g:not(.legend) > rect[fill="#1a7f4b"]').count()).toBe(5);
      await expect.poll(() => chart.locator('g:not(.legend) > rect[fill="#b3261e"]').count()).toBe(4);
      // The table fallback holds the same figures.
      await page.getByText('Les mêmes chiffres en tableau').click();
      expect(await page.locator('details table tbody tr').count()).toBe(5);
      await expect.poll(() => page.getByRole('cell', { name: 'Salma' }).count()).toBe(1);
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'dashboard-cohort-overview.png'), fullPage: true });

      await page.getByRole('link', { name: 'Journal' }).click();
      await page.getByRole('heading', { name: 'Journal des actions' }).waitFor();
      // The sign-in just made, as a sentence rather than the action's code.
      expect(await page.getByText('s’est connecté·e au tableau de bord').count()).toBeGreaterThan(0);
      expect(await page.getByText('dashboard.sign_in').count()).toBe(0);
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'dashboard-audit.png'), fullPage: true });

      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.getByRole('heading', { name: 'Déconnecté·e' }).waitFor();
      await page.goto(`${app.baseUrl}/admin`);
      expect(page.url()).toBe(`${app.baseUrl}/admin/sign-in`);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('runs Bull Board for staff, its scripts served by us', async () => {
    const { context, page, problems } = await open({ width: 1100, height: 900 });
    try {
      await followLink(page, seed.staffId);
      await page.goto(`${app.baseUrl}/admin/queues`);
      // The queue list is drawn by Bull Board's own scripts: they ran under our CSP.
      await page.getByText('handle-inbound').first().waitFor({ timeout: 20_000 });
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'dashboard-queues.png') });
      // Nothing refused by the CSP, nothing asked of another site (Bull Board's font included).
      expect(problems).toEqual([]);
      const back = page.getByRole('link', { name: '← Tableau de bord' });
      const box = await back.boundingBox();
      expect(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= 1100 && box.y + box.height <= 900).toBe(true);
      await back.click();
      await page.getByRole('heading', { name: 'Promotions', level: 1 }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('shows on a phone that a table wider than the screen scrolls sideways', async () => {
    const { context, page, problems } = await open({ width: 390, height: 844 });
    try {
      await followLink(page, seed.staffId);
      await page.goto(`${app.baseUrl}/admin/people/${seed.participantIds[0]}`);
      const box = page.locator('.table', { has: page.getByRole('columnheader', { name: 'Motivation' }) });
      await box.waitFor();
      expect(await box.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      // A shadow on the side where more of the table is: the right at first, the left at the end
      // (the text is hidden while measuring, so that only the shadows tell the sides apart).
      await page.addStyleTag({ content: '.table td, .table th { color: transparent !important }' });
      const before = await edgeShades(page, await box.screenshot());
      await box.evaluate((element) => element.scrollBy({ left: element.scrollWidth }));
      await page.waitForTimeout(300);
      const after = await edgeShades(page, await box.screenshot());
      expect(before.right).toBeLessThan(after.right - 8);
      expect(after.left).toBeLessThan(before.left - 8);
      await box.evaluate((element) => element.scrollBy({ left: -element.scrollWidth }));
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'dashboard-wide-table-phone.png'), fullPage: true });
      // The schedule, by the cohort's key, fits the phone too.
      await page.goto(`${app.baseUrl}/admin/schedule?cohort=promo-2027`);
      await page.getByRole('heading', { name: 'Calendrier — Promotion 2027', level: 1 }).waitFor();
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'schedule-phone.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('fits a phone screen and shows a mentor only their mentees', async () => {
    const { context, page, problems } = await open({ width: 360, height: 740 });
    try {
      await followLink(page, seed.mentorIds[0]);
      await page.getByRole('heading', { name: 'Mes mentorés' }).waitFor();
      for (const name of ['Awa', 'Boubacar', 'Salma']) expect(await page.getByRole('link', { name }).count()).toBe(1);
      expect(await page.getByText('Fatou').count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Journal' }).count()).toBe(0);
      // Nothing wider than the screen but the tables' own scrolling boxes.
      const overflow = await page.evaluate('document.documentElement.scrollWidth');
      expect(overflow).toBeLessThanOrEqual(360);
      await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'dashboard-mentor-phone.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

/**
 * How light the 3 px at each side of a screenshot are (0 black to 255 white, averaged): the page
 * itself reads its pixels, from the PNG as a data: image drawn on a canvas.
 */
async function edgeShades(page: Page, png: Buffer): Promise<{ left: number; right: number }> {
  return page.evaluate<{ left: number; right: number }>(`(async () => {
    const image = new Image();
    image.src = 'data:image/png;base64,${png.toString('base64')}';
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const shade = (x) => {
      const { data } = context.getImageData(x, 0, 3, image.height);
      let total = 0;
      for (let i = 0; i < data.length; i += 4) total += (data[i] + data[i + 1] + data[i + 2]) / 3;
      return total / (data.length / 4);
    };
    return { left: shade(0), right: shade(image.width - 3) };
  })()`);
}
