import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import type { TestApp } from '../support/test-app.ts';

describe('sign-in forms posted from another site (login CSRF)', () => {
  let t: TestApp & { baseUrl: string };
  let seed: SeededCohort;

  beforeAll(async () => {
    // Behind a proxy: browsers see https://compagnon.example.org, the server another Host.
    t = await startAdminTestApp({ publicUrl: 'https://compagnon.example.org' });
    seed = await seedCohort(t.test.db, new Date());
  });

  afterAll(async () => {
    await t.close();
  });

  const link = async () => {
    const made = await createSignInLink(t.test.db, { personId: seed.staffId, now: new Date(), validMinutes: 15 });
    if (!made.ok) throw new Error(made.reason);
    return made.token;
  };
  const signIn = (token: string, headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: `/admin/sign-in/${token}`, headers: { host: '127.0.0.1:3000', ...headers } });
  const sessionCookie = (response: { headers: Record<string, unknown> }) =>
    [response.headers['set-cookie']].flat().some((h) => typeof h === 'string' && h.startsWith('compagnon_session='));

  it.each([
    ['another site, said by Sec-Fetch-Site', { 'sec-fetch-site': 'cross-site' }],
    [
      'a sibling subdomain, said by Sec-Fetch-Site',
      { 'sec-fetch-site': 'same-site', origin: 'https://other.example.org' },
    ],
    ['another site, said only by Origin', { origin: 'https://evil.example' }],
    ['a page that hides its origin (Origin: null), in a browser without Sec-Fetch-Site', { origin: 'null' }],
    ['another site, said only by Referer', { referer: 'https://evil.example/trap.html' }],
    ['the same host on another scheme', { origin: 'http://compagnon.example.org' }],
  ])('refuses a form from %s, opens no session and keeps the link', async (_from, headers) => {
    const token = await link();
    const forged = await signIn(token, headers);
    expect(forged.statusCode).toBe(403);
    expect(sessionCookie(forged)).toBe(false);
    expect(forged.body).toContain('<html lang="fr">');
    // Its owner can still use it.
    expect((await signIn(token, { 'sec-fetch-site': 'same-origin' })).statusCode).toBe(303);
  });

  it.each([
    ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin', origin: 'null' }],
    ['the Origin of PUBLIC_URL, though the proxy passes another Host', { origin: 'https://compagnon.example.org' }],
    ['the Origin of the Host header', { origin: 'http://127.0.0.1:3000' }],
    ['a Referer on this origin', { referer: 'https://compagnon.example.org/admin/sign-in/x' }],
    ['no header at all (a script)', {}],
  ])('signs in with a form from this origin: %s', async (_from, headers) => {
    const response = await signIn(await link(), headers);
    expect(response.statusCode).toBe(303);
    expect(sessionCookie(response)).toBe(true);
  });

  it('sends the sign-in page with a referrer policy that keeps its origin on its own form only', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/admin/sign-in/${await link()}` });
    expect(page.headers['referrer-policy']).toBe('same-origin');
  });
});
