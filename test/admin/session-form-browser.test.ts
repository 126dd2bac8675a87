import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { launchBrowser, TEST_OUTPUT_DIR } from '../support/browser.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';

const HUBS = ['abidjan', 'ouagadougou', 'tunis', 'bukavu', 'antananarivo'];

/** Claire creates the workshop week on her phone (390×844), then finds its recipients on the edit page. */
describe('the session form on a phone', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;
  let browser: Browser;
  let page: Page;

  const fitsTheScreen = () => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

  beforeAll(async () => {
    app = await startAdminTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    seed = await seedCohort(app.test.db, SAMPLE_DAYTIME, { mediaDir: app.mediaDir });
    browser = await launchBrowser();
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    page = await context.newPage();
    const link = await createSignInLink(app.test.db, { personId: seed.staffId, now: SAMPLE_DAYTIME, validMinutes: 15 });
    if (!link.ok) throw new Error(link.reason);
    await page.goto(`${app.baseUrl}/admin/sign-in/${link.token}`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${app.baseUrl}/admin`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('fills in the five-city workshop, is told what is missing beside it, saves it, then cancels it after confirming', async () => {
    await page.goto(`${app.baseUrl}/admin/sessions/new?programme=${seed.programmeId}`);
    await page.getByLabel('Titre en Français').fill('Atelier : cartographier son projet');
    await page.getByLabel('Titre en Anglais').fill('Workshop: mapping your project');
    await page.getByLabel('Description en Français').fill('Une matinée de travail en groupe, dans chaque hub.');
    await page.getByLabel('Début (heure locale de chaque ville)').fill('2027-03-09T09:00');
    await page.getByLabel('Fin (heure locale de chaque ville)').fill('2027-03-09T12:00');
    // Every hub is ticked; Claire names four of the five rooms before saving.
    for (const hub of HUBS.slice(0, 4)) await page.locator(`#venue_${hub}_place_fr`).fill(`Salle du hub (${hub})`);
    await page.locator('#venue_tunis_capacity').fill('25');
    expect(await fitsTheScreen()).toBe(true);
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'session-form-filled.png'), fullPage: true });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'session-form-top.png') });
    await page.getByRole('button', { name: 'Créer la session' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'session-form-end.png') });
    await page.locator('#same').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'session-form-hours.png') });

    await page.getByRole('button', { name: 'Créer la session' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe(
      "Rien n'a été enregistré : corrigez le champ signalé ci-dessous.",
    );
    const missing = page.locator('#venue_antananarivo_place_fr');
    expect(await missing.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#venue_antananarivo_place_fr-error').textContent()).toBe('À remplir.');
    // What Claire typed is still there.
    expect(await page.locator('#venue_tunis_capacity').inputValue()).toBe('25');
    expect(await page.getByLabel('Début (heure locale de chaque ville)').inputValue()).toBe('2027-03-09T09:00');
    expect(await app.test.db.session.count({ where: { createdById: { not: null } } })).toBe(0);
    await missing.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'session-form-error.png') });

    await missing.fill('Salle du hub (antananarivo)');
    await page.getByRole('button', { name: 'Créer la session' }).click();
    await page.waitForURL(/\/admin\/sessions\/\w+\?done=created$/);
    // The sample programme's own sessions come from its file; this one is the only one made here.
    const session = await app.test.db.session.findFirstOrThrow({
      where: { createdById: { not: null } },
      include: { venues: true },
    });
    expect(session.key).toBe('atelier-cartographier-son-projet');
    expect(new Set(session.venues.map((venue) => venue.startsAt.toISOString()))).toEqual(
      new Set([
        '2027-03-09T09:00:00.000Z',
        '2027-03-09T08:00:00.000Z',
        '2027-03-09T07:00:00.000Z',
        '2027-03-09T06:00:00.000Z',
      ]),
    );
    expect(session.venues.find((venue) => venue.key === 'tunis')?.capacity).toBe(25);

    await page.goto(`${app.baseUrl}/admin/sessions/${session.id}/edit`);
    // Awa, Boubacar, Salma and Fatou: Espoir is paused and Rivo stopped.
    expect(await page.locator('[data-count="recipients"]').textContent()).toBe('4');
    expect(await fitsTheScreen()).toBe(true);
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'session-edit.png') });
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'session-edit-full.png'), fullPage: true });

    // Cancelling asks first.
    await page.getByRole('button', { name: 'Annuler la session' }).click();
    await page.getByText('Annuler « Atelier : cartographier son projet » ? Cela ne peut pas être défait.').waitFor();
    expect(await fitsTheScreen()).toBe(true);
    await page.screenshot({ path: path.join(TEST_OUTPUT_DIR, 'session-cancel-confirm.png') });
    expect((await app.test.db.session.findUniqueOrThrow({ where: { id: session.id } })).status).toBe('scheduled');
    await page.getByRole('button', { name: 'Oui, annuler la session' }).click();
    await page.waitForURL(new RegExp(`/admin/sessions/${session.id}\\?done=cancelled$`));
    expect((await app.test.db.session.findUniqueOrThrow({ where: { id: session.id } })).status).toBe('cancelled');
  });
});
