import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { launchBrowser, TEST_OUTPUT_DIR } from '../support/browser.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { askTheHelpDesk } from '../support/help-desk-inbox.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

const HOUR = 3600_000;

/** Aline, the Bukavu trainer, answers Josué's question from her phone (390×844), in French and in English. */
describe('the help-desk inbox on a phone', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;
  let trainers: SeededTrainers;
  let browser: Browser;

  beforeAll(async () => {
    app = await startAdminTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    seed = await seedCohort(app.test.db, SAMPLE_DAYTIME, { mediaDir: app.mediaDir });
    trainers = await seedTrainers(app.test.db, seed, SAMPLE_DAYTIME);
    await askTheHelpDesk(app.test.db, trainers.josueId, {
      text: "je n'arrive pas à ouvrir la vidéo",
      at: new Date(SAMPLE_DAYTIME.getTime() - 2 * HOUR),
      photoIn: app.mediaDir,
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');
  /** Buttons and links of the page's own content smaller than a thumb (40 px high). */
  const smallTargets = (page: Page) =>
    page.evaluate<
      string[]
    >(`[...document.querySelectorAll('main button, main select, main .inbox a, main .inbox-filters a, main input[type=file]')]
      .filter((el) => el.getBoundingClientRect().height < 40)
      .map((el) => el.outerHTML.slice(0, 80))`);

  for (const { language, wording } of [
    {
      language: 'fr',
      wording: {
        nav: 'Messages',
        list: 'Messages des participants',
        title: 'Conversation avec Josué',
        label: 'Votre réponse à Josué',
        send: 'Envoyer',
        sent: 'Réponse envoyée.',
        waiting: 'Attend la réponse du participant',
        answer: 'Essayez depuis la salle du hub, la connexion y est meilleure.',
      },
    },
    {
      language: 'en',
      wording: {
        nav: 'Messages',
        list: 'Participants’ messages',
        title: 'Conversation with Josué',
        label: 'Your answer to Josué',
        send: 'Send',
        sent: 'Answer sent.',
        waiting: 'Waiting for the participant',
        answer: 'Try the link again from the hub’s room tomorrow.',
      },
    },
  ] as const)
    it(`opens Josué's question and answers it (${language})`, async () => {
      await app.test.db.person.update({ where: { id: trainers.bukavuTrainerId }, data: { locale: language } });
      const context = await browser.newContext({
        locale: language === 'fr' ? 'fr-FR' : 'en-GB',
        viewport: { width: 390, height: 844 },
      });
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
          personId: trainers.bukavuTrainerId,
          now: app.deps.now(),
          validMinutes: 15,
        });
        if (!link.ok) throw new Error(link.reason);
        await page.goto(`${app.baseUrl}/admin/sign-in/${link.token}`);
        await page.getByRole('button').last().click();
        await page.waitForURL(`${app.baseUrl}/admin`);

        await page.getByRole('navigation').getByRole('link', { name: wording.nav, exact: true }).click();
        await page.getByRole('heading', { name: wording.list, level: 1 }).waitFor();
        expect(await pageWidth(page)).toBeLessThanOrEqual(390);
        expect(await smallTargets(page)).toEqual([]);
        await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, `inbox-phone-${language}.png`), fullPage: true });

        await page.getByRole('link', { name: /Josué/ }).click();
        await page.getByRole('heading', { name: wording.title, level: 1 }).waitFor();
        await page.getByText("je n'arrive pas à ouvrir la vidéo").waitFor();
        // Josué's photo is shown in the exchange.
        // Polled from the test, not by a string the page would have to evaluate (its CSP forbids eval).
        await expect
          .poll(() =>
            page
              .locator('.exchange img')
              .evaluateAll((images) =>
                (images as unknown as { complete: boolean; naturalWidth: number }[]).every(
                  (img) => img.complete && img.naturalWidth > 0,
                ),
              ),
          )
          .toBe(true);
        expect(await page.locator('.exchange img').count()).toBe(1);
        // The reply box comes after the exchange.
        const exchange = await page.locator('.exchange').boundingBox();
        const box = await page.getByLabel(wording.label).boundingBox();
        expect(box!.y).toBeGreaterThan(exchange!.y + exchange!.height);
        expect(box!.x + box!.width).toBeLessThanOrEqual(390);
        expect(await pageWidth(page)).toBeLessThanOrEqual(390);
        expect(await smallTargets(page)).toEqual([]);
        await page.screenshot({
          path: path.join(TEST_OUTPUT_DIR, `inbox-conversation-phone-${language}.png`),
          fullPage: true,
        });

        await page.getByLabel(wording.label).fill(wording.answer);
        await page.getByRole('button', { name: wording.send }).click();
        await page.getByText(wording.sent).waitFor();
        await page.getByText(wording.answer).waitFor();
        await page.getByText(wording.waiting).first().waitFor();
        expect(await pageWidth(page)).toBeLessThanOrEqual(390);
        await page.screenshot({
          path: path.join(TEST_OUTPUT_DIR, `inbox-conversation-answered-phone-${language}.png`),
          fullPage: true,
        });

        const sent = await app.test.db.outboundMessage.findMany({
          where: { personId: trainers.josueId, purpose: 'help_answer' },
        });
        expect(sent.some((m) => (m.payload as { text?: string }).text?.includes(wording.answer))).toBe(true);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
});
