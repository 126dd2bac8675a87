import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { seedCohort, signInAs, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';

type SignedIn = { cookie: string; csrfToken: string };

/**
 * Each viewer reads the dashboard in their own language: chosen with the switch in the header,
 * else their chat language, else the default (French here). Before sign-in, the page's `?lang=`,
 * else the browser's Accept-Language.
 */
describe('the dashboard in each viewer’s language', () => {
  const now = SAMPLE_DAYTIME;
  let t: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;

  beforeAll(async () => {
    t = await startAdminTestApp({ now: () => now });
    seed = await seedCohort(t.test.db, now);
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, session: SignedIn, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie, ...headers } });
  const switchTo = (session: SignedIn, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/admin/language',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  const languageOf = (body: string) => /<html lang="(\w+)">/.exec(body)?.[1];

  it('switches a viewer to English and back from any page, and brings them back to it', async () => {
    const claire = await signInAs(t.app, t.test.db, seed.staffId, now);
    const french = await get('/admin/participants?cohort=' + seed.cohortId, claire);
    expect(languageOf(french.body)).toBe('fr');
    expect(french.body).toContain('Participant');
    // The switch names the other language in itself and comes back to the page being read.
    expect(french.body).toContain('<input type="hidden" name="language" value="en">');
    expect(french.body).toContain(
      `<input type="hidden" name="back" value="/admin/participants?cohort=${seed.cohortId}">`,
    );
    expect(french.body).toMatch(/<button type="submit" lang="en"[^>]*>English<\/button>/);

    const switched = await switchTo(claire, {
      _csrf: claire.csrfToken,
      language: 'en',
      back: `/admin/participants?cohort=${seed.cohortId}`,
    });
    expect(switched.statusCode).toBe(303);
    expect(switched.headers.location).toBe(`/admin/participants?cohort=${seed.cohortId}`);
    const english = await get(switched.headers.location as string, claire);
    expect(languageOf(english.body)).toBe('en');
    expect(english.body).toContain('Sign out');
    expect(english.body).toMatch(/<button type="submit" lang="fr"[^>]*>Français<\/button>/);
    // Kept on her person: another of her sessions reads English too.
    const elsewhere = await signInAs(t.app, t.test.db, seed.staffId, now);
    expect(languageOf((await get('/admin', elsewhere)).body)).toBe('en');
    const audit = await t.test.db.auditLog.findFirst({
      where: { action: 'dashboard.language', actorId: seed.staffId },
      orderBy: { createdAt: 'desc' },
    });
    expect(audit?.details).toEqual({ language: 'en' });
    // The audit log says it in words.
    const log = await get('/admin/audit', claire);
    expect(log.body).toContain('Claire changed the language of their dashboard');

    await switchTo(claire, { _csrf: claire.csrfToken, language: 'fr', back: '/admin' });
    expect(languageOf((await get('/admin', claire)).body)).toBe('fr');
    // Her chat language stays what she chose in chat.
    const person = await t.test.db.person.findUniqueOrThrow({ where: { id: seed.staffId } });
    expect(person).toMatchObject({ dashboardLocale: 'fr', locale: 'fr' });
  });

  it('opens the job queues’ board (Bull Board) in the viewer’s dashboard language', async () => {
    const claire = await signInAs(t.app, t.test.db, seed.staffId, now);
    const board = async () => {
      const page = await get('/admin/queues', claire);
      expect(page.statusCode).toBe(200);
      const config = /<script id="__UI_CONFIG__" type="application\/json">([\s\S]*?)<\/script>/.exec(page.body)?.[1];
      return {
        lang: /<html lang="(\w+)"/.exec(page.body)?.[1],
        config: JSON.parse(config ?? 'null') as Record<string, unknown>,
      };
    };
    expect(await board()).toMatchObject({ lang: 'fr', config: { boardTitle: 'Compagnon', locale: { lng: 'fr-FR' } } });
    await switchTo(claire, { _csrf: claire.csrfToken, language: 'en', back: '/admin/queues' });
    expect(await board()).toMatchObject({ lang: 'en', config: { locale: { lng: 'en-GB' } } });
    await switchTo(claire, { _csrf: claire.csrfToken, language: 'fr', back: '/admin' });
  });

  it('brings a viewer switching on a page made by a form back to the page above it', async () => {
    const claire = await signInAs(t.app, t.test.db, seed.staffId, now);
    const preview = await t.app.inject({
      method: 'POST',
      url: '/admin/broadcasts/preview',
      headers: { cookie: claire.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: claire.csrfToken,
        programme: seed.programmeId,
        text_fr: 'Bonjour',
        when: 'now',
      }).toString(),
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('<input type="hidden" name="back" value="/admin/broadcasts">');
  });

  it('leaves another person’s dashboard in their own language', async () => {
    const claire = await signInAs(t.app, t.test.db, seed.staffId, now);
    const diallo = await signInAs(t.app, t.test.db, seed.mentorIds[0], now);
    await switchTo(claire, { _csrf: claire.csrfToken, language: 'en', back: '/admin' });
    expect(languageOf((await get('/admin', claire)).body)).toBe('en');
    expect(languageOf((await get('/admin', diallo)).body)).toBe('fr');
    await switchTo(claire, { _csrf: claire.csrfToken, language: 'fr', back: '/admin' });
  });

  it('refuses a switch without the form’s CSRF token, or with another session’s, and changes nothing', async () => {
    const diallo = await signInAs(t.app, t.test.db, seed.mentorIds[0], now);
    const claire = await signInAs(t.app, t.test.db, seed.staffId, now);
    const attempts: Record<string, string>[] = [{ language: 'en' }, { language: 'en', _csrf: claire.csrfToken }];
    for (const fields of attempts) {
      const refused = await switchTo(diallo, fields);
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toContain('Le formulaire a expiré');
    }
    const person = await t.test.db.person.findUniqueOrThrow({ where: { id: seed.mentorIds[0] } });
    expect(person.dashboardLocale).toBeNull();
    expect(languageOf((await get('/admin', diallo)).body)).toBe('fr');
  });

  it('refuses a language the dashboard does not have with a clear page', async () => {
    const diallo = await signInAs(t.app, t.test.db, seed.mentorIds[0], now);
    const refused = await switchTo(diallo, { _csrf: diallo.csrfToken, language: 'de', back: '/admin' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('le tableau de bord se lit en français ou en anglais');
  });

  it('never sends the viewer to another site: an address outside the dashboard goes home', async () => {
    const diallo = await signInAs(t.app, t.test.db, seed.mentorIds[0], now);
    for (const back of [
      '//evil.example/admin',
      'https://evil.example/admin',
      '/\\evil.example',
      '/administration',
      '/admin\r\nx: y',
    ]) {
      const switched = await switchTo(diallo, { _csrf: diallo.csrfToken, language: 'fr', back });
      expect(switched.statusCode, back).toBe(303);
      expect(switched.headers.location, back).toBe('/admin');
    }
  });

  it('shows the dashboard in the viewer’s chat language until they choose one', async () => {
    const rakoto = seed.mentorIds[1];
    await t.test.db.person.update({ where: { id: rakoto }, data: { locale: 'en', dashboardLocale: null } });
    const session = await signInAs(t.app, t.test.db, rakoto, now);
    expect(languageOf((await get('/admin', session)).body)).toBe('en');
    await t.test.db.person.update({ where: { id: rakoto }, data: { dashboardLocale: 'fr' } });
    expect(languageOf((await get('/admin', session)).body)).toBe('fr');
  });

  describe('before sign-in', () => {
    const signInPage = (headers: Record<string, string>, url = '/admin/sign-in') =>
      t.app.inject({ method: 'GET', url, headers });

    it('follows the browser: French for fr-FR, English for en', async () => {
      const french = await signInPage({ 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8' });
      expect(languageOf(french.body)).toBe('fr');
      expect(french.body).toContain('<title>Connexion');
      expect(french.body).toContain('<a class="language" href="?lang=en" hreflang="en" lang="en">English</a>');
      const english = await signInPage({ 'accept-language': 'en' });
      expect(languageOf(english.body)).toBe('en');
      expect(english.body).toContain('<title>Sign in');
      expect(english.body).toContain('<a class="language" href="?lang=fr" hreflang="fr" lang="fr">Français</a>');
      // The browser's first language Compagnon speaks, by weight.
      expect(languageOf((await signInPage({ 'accept-language': 'de-DE,en;q=0.4,fr;q=0.7' })).body)).toBe('fr');
      expect(languageOf((await signInPage({ 'accept-language': 'de-DE' })).body)).toBe('fr');
    });

    it('takes the language chosen on the page over the browser’s, on every pre-sign-in page', async () => {
      const chosen = await signInPage({ 'accept-language': 'fr-FR' }, '/admin/sign-in?lang=en');
      expect(languageOf(chosen.body)).toBe('en');
      expect(chosen.body).toContain('The dashboard is for the programme team');
      expect(languageOf((await signInPage({ 'accept-language': 'en' }, '/admin/sign-in?lang=fr')).body)).toBe('fr');
      // An unknown value is ignored.
      expect(languageOf((await signInPage({ 'accept-language': 'en' }, '/admin/sign-in?lang=xx')).body)).toBe('en');
      const invalid = await signInPage({ 'accept-language': 'fr' }, `/admin/sign-in/${'a'.repeat(43)}?lang=en`);
      expect(invalid.statusCode).toBe(410);
      expect(invalid.body).toContain('This link does not work');
      expect(invalid.body).toContain('<a href="/admin/sign-in?lang=en">');
    });

    it('shows a link’s page in the language of the person it was made for, else the browser’s', async () => {
      const rakoto = seed.mentorIds[1];
      const linkFor = async () => {
        const made = await createSignInLink(t.test.db, { personId: rakoto, now, validMinutes: 15 });
        if (!made.ok) throw new Error(made.reason);
        return `/admin/sign-in/${made.token}`;
      };
      await t.test.db.person.update({ where: { id: rakoto }, data: { locale: 'en', dashboardLocale: null } });
      const english = await signInPage({ 'accept-language': 'fr-FR' }, await linkFor());
      expect(languageOf(english.body)).toBe('en');
      expect(english.body).toContain('Press the button to open your session');
      await t.test.db.person.update({ where: { id: rakoto }, data: { dashboardLocale: 'fr' } });
      expect(languageOf((await signInPage({ 'accept-language': 'en' }, await linkFor())).body)).toBe('fr');
      // Someone who never chose a language: the browser's.
      await t.test.db.person.update({ where: { id: rakoto }, data: { locale: null, dashboardLocale: null } });
      expect(languageOf((await signInPage({ 'accept-language': 'en' }, await linkFor())).body)).toBe('en');
      expect(languageOf((await signInPage({ 'accept-language': 'fr' }, await linkFor())).body)).toBe('fr');
      await t.test.db.person.update({ where: { id: rakoto }, data: { locale: 'fr' } });
    });

    it('keeps the language chosen on the sign-in page after signing in', async () => {
      const made = await createSignInLink(t.test.db, { personId: seed.mentorIds[0], now, validMinutes: 15 });
      if (!made.ok) throw new Error(made.reason);
      const page = await signInPage({ 'accept-language': 'fr' }, `/admin/sign-in/${made.token}?lang=en`);
      expect(page.body).toContain('Press the button to open your session');
      expect(page.body).toContain(`<form method="post" action="/admin/sign-in/${made.token}?lang=en">`);
      const signIn = await t.app.inject({ method: 'POST', url: `/admin/sign-in/${made.token}?lang=en` });
      expect(signIn.statusCode).toBe(303);
      const cookie = [signIn.headers['set-cookie']].flat().find((h) => h?.startsWith('compagnon_session='))!;
      const home = await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie: cookie.split(';')[0]! } });
      expect(languageOf(home.body)).toBe('en');
      // Signing out shows the signed-out page in the language the viewer was reading.
      const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)![1]!;
      const out = await t.app.inject({
        method: 'POST',
        url: '/admin/sign-out',
        headers: { cookie: cookie.split(';')[0]!, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(csrf)}`,
      });
      expect(out.headers.location).toBe('/admin/sign-in?signed_out&lang=en');
      const signedOut = await signInPage({ 'accept-language': 'fr' }, out.headers.location as string);
      expect(signedOut.body).toContain('Your session is closed');
      await t.test.db.person.update({ where: { id: seed.mentorIds[0] }, data: { dashboardLocale: null } });
    });
  });
});
