import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';

const MAX = 4;

describe('sign-in links: a limit per address', () => {
  let t: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;

  beforeAll(async () => {
    t = await startAdminTestApp({ signInRequests: { max: MAX, windowMs: 10 * 60_000 } });
    seed = await seedCohort(t.test.db, new Date());
  });
  afterAll(() => t.close());

  const guess = (remoteAddress: string, method: 'GET' | 'POST', language = 'fr') =>
    t.app.inject({
      method,
      url: `/admin/sign-in/${'g'.repeat(43)}`,
      remoteAddress,
      headers: { 'accept-language': language },
    });

  it('answers 429, with a page in the reader’s language, once an address has tried too many links', async () => {
    for (let attempt = 1; attempt <= MAX; attempt++)
      expect((await guess('203.0.113.20', attempt % 2 ? 'GET' : 'POST')).statusCode).toBe(410);
    const french = await guess('203.0.113.20', 'POST');
    expect(french.statusCode).toBe(429);
    expect(Number(french.headers['retry-after'])).toBeGreaterThan(0);
    expect(french.headers['content-type']).toContain('text/html');
    expect(french.body).toContain('Trop de tentatives de connexion depuis votre adresse. Réessayez dans 10 min.');
    const english = await guess('203.0.113.20', 'GET', 'en-GB,en;q=0.8');
    expect(english.statusCode).toBe(429);
    expect(english.body).toContain('Too many sign-in attempts from your address. Try again in 10 min.');
    // Even a good link waits; the page that explains sign-in does not, nor does another address.
    const made = await createSignInLink(t.test.db, { personId: seed.staffId, now: new Date(), validMinutes: 15 });
    if (!made.ok) throw new Error(made.reason);
    expect(
      (await t.app.inject({ method: 'POST', url: `/admin/sign-in/${made.token}`, remoteAddress: '203.0.113.20' }))
        .statusCode,
    ).toBe(429);
    expect(
      (await t.app.inject({ method: 'GET', url: '/admin/sign-in', remoteAddress: '203.0.113.20' })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'POST', url: `/admin/sign-in/${made.token}`, remoteAddress: '198.51.100.20' }))
        .statusCode,
    ).toBe(303);
  });
});
