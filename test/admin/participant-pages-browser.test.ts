import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { launchBrowser, TEST_OUTPUT_DIR } from '../support/browser.ts';

describe('participant pages, in a browser', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  /** Signs a person in with a one-time link, as they would from the link sent in chat. */
  async function signIn(personId: string, target: Page): Promise<void> {
    const link = await createSignInLink(app.test.db, { personId, now: new Date(), validMinutes: 15 });
    if (!link.ok) throw new Error(link.reason);
    await target.goto(`${app.baseUrl}/admin/sign-in/${link.token}`);
    await target.getByRole('button', { name: 'Se connecter' }).click();
    await target.waitForURL(`${app.baseUrl}/admin`);
  }

  beforeAll(async () => {
    app = await startAdminTestApp();
    seed = await seedCohort(app.test.db, new Date(), { mediaDir: app.mediaDir });
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1100, height: 900 } });
    page = await context.newPage();
    await signIn(seed.mentorIds[0], page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows a mentee’s page with the timeline and the photo she sent', async () => {
    const awa = seed.participantIds[0]!;
    await page.goto(`${app.baseUrl}/admin/people/${awa}`);
    await page.getByRole('heading', { name: 'Awa', level: 1 }).waitFor();
    const timeline = page.getByRole('img', { name: /Chronologie de Awa/ });
    const box = await timeline.boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(await page.locator('svg.timeline-wide g.timeline-on_time').count()).toBe(5);
    // The photo comes through the access-checked media route and the page's CSP lets it show.
    const photo = page.locator(`img[src="/admin/media/${seed.photoMediaFileId}"]`);
    await expect
      .poll(() =>
        photo.evaluate((image) => {
          const loaded = image as unknown as { complete: boolean; naturalWidth: number };
          return loaded.complete && loaded.naturalWidth;
        }),
      )
      .toBe(1);
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'participant-page.png'), fullPage: true });
  });

  it('draws the timeline with labels a phone can read, as on a laptop', async () => {
    const awa = seed.participantIds[0]!;
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.context().addCookies(await context.cookies());
    for (const target of [phone, page]) {
      await target.goto(`${app.baseUrl}/admin/people/${awa}`);
      await target.getByRole('img', { name: /Chronologie de Awa/ }).waitFor();
      // Each label's size as drawn: its font size times the scale the shown chart is drawn at.
      const smallest = await target.evaluate<number>(`(() => {
        const svg = [...document.querySelectorAll('svg.timeline')].find((s) => s.getBoundingClientRect().width > 0);
        const scale = svg.getScreenCTM().a;
        return Math.min(...[...svg.querySelectorAll('text')].map((text) => parseFloat(getComputedStyle(text).fontSize))) * scale;
      })()`);
      expect(smallest).toBeGreaterThanOrEqual(11);
      expect(await target.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        target.viewportSize()!.width,
      );
    }
    await phone.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'participant-page-phone.png'), fullPage: true });
    await phone.close();
  });

  it('grades a submission from the participant’s page', async () => {
    const awa = seed.participantIds[0]!;
    await page.goto(`${app.baseUrl}/admin/people/${awa}`);
    await page.getByRole('link', { name: 'Noter cet exercice' }).first().click();
    await page.waitForURL(/\/admin\/exercises\//);
    const card = page.locator('article', { has: page.getByRole('heading', { name: /^Awa/ }) });
    await card.getByLabel('Note (de 1 à 5)').selectOption('4');
    await card.getByLabel('Commentaire').fill('Une motivation claire, bravo.');
    await card.getByRole('button', { name: 'Enregistrer la note' }).click();
    await page.getByText('4/5 par Mme Diallo').waitFor();
    const grade = await app.test.db.rubricGrade.findFirstOrThrow({ where: { graderId: seed.mentorIds[0] } });
    expect(grade).toMatchObject({ score: 4, comment: 'Une motivation claire, bravo.' });
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'exercise-page.png'), fullPage: true });
  });

  it('stacks the answers on a phone', async () => {
    const phone = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await phone.context().addCookies(await context.cookies());
    await phone.goto(`${app.baseUrl}/admin/exercises/${seed.exerciseIds[0]}?cohort=${seed.cohortId}`);
    const cards = phone.locator('.question').first().locator('.side-by-side > .card');
    expect(await cards.count()).toBe(3);
    const [first, second] = [await cards.nth(0).boundingBox(), await cards.nth(1).boundingBox()];
    expect(second!.x).toBe(first!.x);
    expect(second!.y).toBeGreaterThan(first!.y);
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await phone.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'exercise-page-phone.png'), fullPage: true });
    await phone.close();
  });

  it('puts each grading form right under the answers it grades, on a phone', async () => {
    const awa = seed.participantIds[0]!;
    const submission = seed.submissions.find((s) => s.personId === awa && s.exerciseId === seed.exerciseIds[1])!;
    const phone = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await phone.context().addCookies(await context.cookies());
    for (const url of [`/admin/people/${awa}`, `/admin/exercises/${seed.exerciseIds[1]}?cohort=${seed.cohortId}`]) {
      await phone.goto(`${app.baseUrl}${url}`);
      const card = phone.locator(`article#submission-${submission.id}`);
      const lastAnswer = await card.locator('dl.answers > dd').last().boundingBox();
      const grade = card.getByLabel('Note (de 1 à 5)');
      const form = await grade.boundingBox();
      expect(form!.y).toBeGreaterThan(lastAnswer!.y);
      expect(form!.y - (lastAnswer!.y + lastAnswer!.height)).toBeLessThan(100);
      expect(form!.x + form!.width).toBeLessThanOrEqual(390);
      expect(await grade.inputValue()).toBe('');
      expect(await grade.locator('option:checked').textContent()).toBe('Choisir une note');
    }
    await phone.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'grading-phone.png'), fullPage: true });
    await phone.close();
  });

  it('lets staff mark a participant selected from the ranking', async () => {
    const staffPage = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await signIn(seed.staffId, staffPage);
    await staffPage.getByRole('link', { name: 'Mentors' }).click();
    await staffPage.getByRole('heading', { name: 'Mme Diallo' }).waitFor();
    await staffPage.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'mentors-page.png'), fullPage: true });

    await staffPage.goto(`${app.baseUrl}/admin/selection?cohort=${seed.cohortId}`);
    await staffPage.getByRole('checkbox', { name: 'Boubacar' }).check();
    await staffPage.getByLabel('Sélectionné', { exact: true }).check();
    await staffPage.getByLabel('Prévenir chacun dans la discussion, dans sa langue').check();
    await staffPage.getByRole('button', { name: 'Appliquer' }).click();
    await staffPage.getByRole('status').filter({ hasText: '1 participant(s) modifié(s), 1 prévenu(s)' }).waitFor();
    const boubacar = seed.participantIds[1]!;
    expect(
      (await app.test.db.enrolment.findUniqueOrThrow({ where: { id: seed.enrolmentIds[boubacar]! } })).status,
    ).toBe('selected');
    await staffPage.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'selection-page.png'), fullPage: true });
    await staffPage.context().close();
  });
});
