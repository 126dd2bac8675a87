import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { launchBrowser, TEST_OUTPUT_DIR } from '../support/browser.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { seedTrainerSessions } from '../support/trainer-sessions.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

/** Names of participants of other hubs than Bukavu: never on Aline's screen. */
const OTHERS = ['Awa', 'Boubacar', 'Salma', 'Rivo', 'Fatou'];

/** Aline, the Bukavu trainer, on a phone (390×844) in headless Chromium, in French and in English. */
describe("a local trainer's dashboard on a phone", () => {
  const now = SAMPLE_DAYTIME;
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;
  let trainers: SeededTrainers;
  let browser: Browser;

  beforeAll(async () => {
    app = await startAdminTestApp({ now: () => now });
    seed = await seedCohort(app.test.db, now);
    trainers = await seedTrainers(app.test.db, seed, now);
    await seedTrainerSessions(app.test.db, now, seed, trainers);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** The page is as wide as the phone, shows none of the other hubs' people, and is saved as a screenshot. */
  async function check(page: Page, name: string): Promise<void> {
    expect(await page.evaluate<number>('document.documentElement.scrollWidth'), name).toBeLessThanOrEqual(390);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const other of OTHERS) expect(text, `${name} hides ${other}`).not.toContain(other);
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, `${name}.png`), fullPage: true });
  }

  const WORDING = {
    fr: {
      cohort: 'Promotion 2027',
      scope: 'Ces chiffres ne portent que sur les participants de vos hubs.',
      workshop: 'Atelier des hubs',
      rollCall: "Faire l'appel",
      save: "Enregistrer l'appel",
      saved: /Appel enregistré/,
    },
    en: {
      cohort: '2027 cohort',
      scope: 'These figures cover the participants of your hubs only.',
      workshop: 'Hubs workshop',
      rollCall: 'Take the roll call',
      save: 'Save the roll call',
      saved: /Roll call saved/,
    },
  } as const;

  for (const language of ['fr', 'en'] as const) {
    it(`shows Aline her hubs' overview, participants, a participant, the sessions and a roll call (${language})`, async () => {
      const words = WORDING[language];
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
          now,
          validMinutes: 15,
        });
        if (!link.ok) throw new Error(link.reason);
        await page.goto(`${app.baseUrl}/admin/sign-in/${link.token}`);
        await page.locator('main form button[type=submit]').click();
        await page.waitForURL(`${app.baseUrl}/admin`);
        const nav = page.getByRole('navigation');
        // The overview, participants, sessions and the help-desk inbox: nothing programme-wide.
        expect(await nav.getByRole('link').count()).toBe(4);

        await page.getByRole('link', { name: words.cohort }).click();
        await page.getByRole('heading', { name: words.cohort, level: 1 }).waitFor();
        await page.getByText(words.scope).waitFor();
        await expect(page.locator('table.hub-attendance td').first().textContent()).resolves.toBe('Bukavu');
        await check(page, `trainer-overview-${language}`);

        await nav.getByRole('link', { name: 'Participants' }).click();
        await page.getByRole('link', { name: 'Espoir' }).waitFor();
        await page.getByRole('link', { name: 'Josué' }).waitFor();
        await check(page, `trainer-participants-${language}`);

        await page.getByRole('link', { name: 'Espoir' }).click();
        await page.getByRole('heading', { name: 'Espoir', level: 1 }).waitFor();
        await page.getByText(words.workshop).first().waitFor();
        await check(page, `trainer-participant-${language}`);

        await nav.getByRole('link', { name: 'Sessions' }).click();
        await page.getByRole('link', { name: words.workshop }).waitFor();
        await check(page, `trainer-sessions-${language}`);

        await page.getByRole('link', { name: words.workshop }).click();
        await page.getByRole('heading', { name: words.workshop, level: 1 }).waitFor();
        expect(await page.getByRole('link', { name: words.rollCall }).count()).toBe(1);
        await page.getByRole('link', { name: words.rollCall }).click();
        await page.getByRole('checkbox', { name: /Josué/ }).check();
        await check(page, `trainer-roll-call-${language}`);
        await page.getByRole('button', { name: words.save }).click();
        await page.getByRole('status').filter({ hasText: words.saved }).waitFor();
        expect(await page.getByRole('checkbox', { name: /Josué/ }).isChecked()).toBe(true);
        await check(page, `trainer-roll-call-saved-${language}`);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
