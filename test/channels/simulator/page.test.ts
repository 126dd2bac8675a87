import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProgrammeFile } from '../../../src/domain/programme/parse-programme-file.ts';
import { importProgramme } from '../../../src/store/programmes/import-programme.ts';
import { launchBrowser, TEST_OUTPUT_DIR } from '../../support/browser.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';

describe('the simulator page, in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp();
    const source = readFileSync(new URL('../../../examples/connexions-citoyennes.yaml', import.meta.url), 'utf8');
    const parsed = parseProgrammeFile(source);
    if (!parsed.ok) throw new Error('invalid sample');
    await importProgramme(t.test.db, parsed.programme, { source, now: new Date() });
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('creates a person on a hub, chats, and picks a choice with a button', async () => {
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') refused.push(message.text());
    });
    await page.goto(`${base}/simulator`);
    await page
      .getByText('Open the link Compagnon printed when it started')
      .or(page.getByText('Ouvrez le lien que Compagnon a affiché'))
      .waitFor();
    // The ready link: the page keeps the key in its cookie and drops it from the address.
    await page.goto(`${base}/simulator?key=${t.simulatorKey}`);
    expect(page.url()).toBe(`${base}/simulator`);
    await page.getByText('Nouvelle personne').click();
    await page.getByPlaceholder('Nom').fill('Mariam');
    await page.locator('#hub').selectOption('bukavu');
    await page.getByRole('button', { name: 'Créer' }).click();
    await expect.poll(() => page.locator('#person option').allTextContents()).toEqual(['Mariam (participant, bukavu)']);

    await page.getByPlaceholder('Votre message').fill('langue');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.getByRole('button', { name: 'English' }).click({ timeout: 15_000 });
    await page.getByText('Noted: I will write to you in English.').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'simulator.png'), fullPage: true });

    // On a phone (390 px) nothing runs off the side: Send stays on screen beside the text.
    await page.setViewportSize({ width: 390, height: 844 });
    const sendButton = await page.getByRole('button', { name: 'Envoyer' }).boundingBox();
    expect(sendButton!.x + sendButton!.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    // With the form to create a person open, too.
    const showForm = (open: boolean) => page.evaluate(`document.querySelector('header details').open = ${open}`);
    await showForm(true);
    const wide = await page.evaluate(
      `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 390).map((e) => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`,
    );
    expect(wide).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await showForm(false);
    // Times as a French reader writes them: 24-hour, no US month/day order.
    const times = await page.locator('.msg .meta').allTextContents();
    expect(times.length).toBeGreaterThan(0);
    for (const time of times) expect(time).toMatch(/^(\d{2}:\d{2}|\d{1,2} \S+ \d{2}:\d{2})$/);
    // However long the conversation, and wherever the page is scrolled, Send is on the screen.
    for (const text of ['aide', 'progrès']) {
      const replies = await page.locator('.msg.out').count();
      await page.getByPlaceholder('Votre message').fill(text);
      await page.getByRole('button', { name: 'Envoyer' }).click();
      await expect.poll(() => page.locator('.msg.out').count(), { timeout: 15_000 }).toBeGreaterThan(replies);
    }
    for (const top of [0, 400]) {
      await page.evaluate(`window.scrollTo(0, ${top})`);
      const box = (await page.getByRole('button', { name: 'Envoyer' }).boundingBox())!;
      expect(box.y, `scrolled to ${top}`).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, `scrolled to ${top}`).toBeLessThanOrEqual(844);
    }
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'simulator-phone.png') });
    // A long name in the list of people does not push the page sideways either.
    await showForm(true);
    await page.getByPlaceholder('Nom').fill('Marie-Thérèse Rakotomalala Andrianarivo');
    await page.locator('#hub').selectOption('antananarivo');
    await page.getByRole('button', { name: 'Créer' }).click();
    await expect.poll(() => page.locator('#person option').count()).toBe(2);
    await showForm(false);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    const person = await t.test.db.person.findFirstOrThrow({
      where: { displayName: 'Mariam' },
      include: { hub: true },
    });
    expect(person).toMatchObject({ locale: 'en', hub: { key: 'bukavu' } });
    // Its script runs under the page's Content-Security-Policy, which it never trips.
    expect(refused.filter((text) => text.includes('Content Security Policy'))).toEqual([]);
  });
});
