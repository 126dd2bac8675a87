import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { seedCohort, signInAs, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';

describe('dashboard access control', () => {
  let t: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;
  let staff: { cookie: string; csrfToken: string };
  let diallo: { cookie: string; csrfToken: string };

  beforeAll(async () => {
    t = await startAdminTestApp();
    seed = await seedCohort(t.test.db, new Date());
    staff = await signInAs(t.app, t.test.db, seed.staffId);
    diallo = await signInAs(t.app, t.test.db, seed.mentorIds[0]);
  });

  afterAll(async () => {
    await t.close();
  });

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  it('sends a visitor without a session to the sign-in page, and refuses their forms with 401', async () => {
    for (const url of ['/admin', '/admin/audit', `/admin/cohorts/${seed.cohortId}`, '/admin/queues']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location).toBe('/admin/sign-in');
    }
    expect((await get('/admin', 'compagnon_session=forged-token')).statusCode).toBe(303);
    const post = await t.app.inject({ method: 'POST', url: '/admin/sign-out', payload: { _csrf: 'x' } });
    expect(post.statusCode).toBe(401);
  });

  it('does not let a participant sign in', async () => {
    expect(
      await createSignInLink(t.test.db, { personId: seed.participantIds[1]!, now: new Date(), validMinutes: 15 }),
    ).toEqual({ ok: false, reason: 'participant' });
    // Even with a link made for them some other way, using it opens no session.
    const token = 'p'.repeat(43);
    const { hashToken } = await import('../../src/store/access/secret-token.ts');
    await t.test.db.signInLink.create({
      data: {
        tokenHash: hashToken(token),
        personId: seed.participantIds[1]!,
        expiresAt: new Date(Date.now() + 60_000),
      },
    });
    const signIn = await t.app.inject({ method: 'POST', url: `/admin/sign-in/${token}` });
    expect(signIn.statusCode).toBe(403);
    expect(signIn.body).toContain('Les participants n&#39;ont pas de tableau de bord');
    expect(signIn.headers['set-cookie']).toBeUndefined();
  });

  it("shows a mentor their mentees only, and not another mentor's mentee", async () => {
    const home = await get('/admin', diallo.cookie);
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Mes mentorés');
    for (const name of ['Awa', 'Boubacar', 'Salma']) expect(home.body).toContain(name);
    for (const name of ['Espoir', 'Rivo', 'Fatou']) expect(home.body).not.toContain(name);
    // Rakoto's mentee: not found, as if it did not exist.
    const espoir = seed.participantIds[3]!;
    const { assertCanSeePerson } = await import('../../src/store/access/assert-can-see-person.ts');
    const viewer = await viewerOf(diallo.cookie);
    await expect(assertCanSeePerson(t.test.db, viewer, espoir)).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(assertCanSeePerson(t.test.db, viewer, seed.participantIds[0]!)).resolves.toBeUndefined();
  });

  it('keeps mentors out of staff pages: cohorts, participants, audit log and queues', async () => {
    for (const url of [
      `/admin/cohorts/${seed.cohortId}`,
      '/admin/audit',
      '/admin/participants',
      '/admin/applications',
      '/admin/queues',
      '/admin/queues/api/queues',
    ]) {
      const response = await get(url, diallo.cookie);
      expect(response.statusCode, url).toBe(403);
      expect(response.headers['content-type']).toMatch(/text\/html/);
    }
  });

  it('answers 404 for a cohort the staff member is not staff of', async () => {
    const other = await t.test.db.cohort.create({
      data: {
        programmeId: (
          await t.test.db.programme.create({
            data: {
              key: 'autre',
              name: { fr: 'Autre' },
              version: '1',
              defaultLocale: 'fr',
              locales: ['fr'],
              settings: {},
              sourceHash: 'x',
              importedAt: new Date(),
            },
          })
        ).id,
        key: 'x',
        name: { fr: 'Autre promotion' },
      },
    });
    expect((await get(`/admin/cohorts/${other.id}`, staff.cookie)).statusCode).toBe(404);
    expect((await get('/admin', staff.cookie)).body).not.toContain('Autre promotion');
  });

  it('refuses a form with a missing or forged CSRF token (403) and accepts the real one', async () => {
    const missing = await t.app.inject({
      method: 'POST',
      url: '/admin/sign-out',
      headers: { cookie: staff.cookie },
      payload: {},
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('Le formulaire a expiré ou ne vient pas du tableau de bord');
    const forged = await t.app.inject({
      method: 'POST',
      url: '/admin/sign-out',
      headers: { cookie: staff.cookie },
      payload: { _csrf: 'A'.repeat(43) },
    });
    expect(forged.statusCode).toBe(403);
    // Another session's token is no good either.
    const crossed = await t.app.inject({
      method: 'POST',
      url: '/admin/sign-out',
      headers: { cookie: staff.cookie },
      payload: { _csrf: diallo.csrfToken },
    });
    expect(crossed.statusCode).toBe(403);
    // Still signed in after the refusals.
    expect((await get('/admin', staff.cookie)).statusCode).toBe(200);
    const other = await signInAs(t.app, t.test.db, seed.staffId);
    const byHeader = await t.app.inject({
      method: 'POST',
      url: '/admin/sign-out',
      headers: { cookie: other.cookie, 'x-csrf-token': other.csrfToken },
    });
    expect(byHeader.statusCode).toBe(303);
  });

  it('answers an unknown dashboard address with its own 404 page', async () => {
    const response = await get('/admin/nothing-here', staff.cookie);
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Cette page n&#39;existe pas');
  });

  it('puts security headers on every dashboard page', async () => {
    const page = await get('/admin', staff.cookie);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  it('shows the cohort overview to staff: counts, submissions per exercise, who is slipping, the chart', async () => {
    const page = await get(`/admin/cohorts/${seed.cohortId}`, staff.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<b>6<\/b>Inscrits/);
    expect(page.body).toMatch(/<b>3<\/b>Actifs/);
    expect(page.body).toMatch(/<b>1<\/b>En pause/);
    expect(page.body).toMatch(/<b>1<\/b>Arrêtés/);
    expect(page.body).toMatch(/<b>1<\/b>Sélectionnés/);
    expect(page.body).toContain('<svg');
    expect(page.body).toMatch(/<title id="chart-rendus-par-semaine-\w+-title">Rendus par semaine<\/title>/);
    // Semaine 2: Boubacar late, Espoir late, the others on time (Rivo stopped still counts what he did).
    expect(page.body).toContain('Votre projet et votre motivation');
    // Salma was alerted; Espoir missed three in a row; Rivo is stopped and not listed.
    const slipping = page.body.slice(page.body.indexOf('Qui décroche'));
    expect(slipping).toContain('Salma');
    expect(slipping).toContain('2 manqués d&#39;affilée');
    // Paused: not watched by the slipping rule.
    expect(slipping).not.toContain('Espoir');
    expect(slipping).not.toContain('Rivo');
    expect(slipping).not.toContain('Awa');
  });

  it("lists the participants of the staff member's cohorts, each linking to their page", async () => {
    const page = await get('/admin/participants', staff.cookie);
    expect(page.statusCode).toBe(200);
    for (const personId of seed.participantIds) expect(page.body).toContain(`href="/admin/people/${personId}"`);
    expect(page.body).not.toContain(`href="/admin/people/${seed.mentorIds[0]}"`);
    expect(page.body).toContain('Arrêté·e');
  });

  it('shows staff the audit log, newest first, with the sign-ins, fifty to a page', async () => {
    const page = await get('/admin/audit', staff.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('dashboard.sign_in');
    expect(page.body).toContain('Mme Diallo');
    expect((await get('/admin/audit?page=abc', staff.cookie)).statusCode).toBe(400);

    const start = Date.now() + 60_000;
    await t.test.db.auditLog.createMany({
      data: Array.from({ length: 60 }, (_, index) => ({
        actorId: seed.staffId,
        action: `test.step_${index}`,
        entity: 'Test',
        createdAt: new Date(start + index * 1000),
      })),
    });
    const first = await get('/admin/audit', staff.cookie);
    const actions = (body: string) => [...body.matchAll(/<code>(test\.step_\d+)<\/code>/g)].map((m) => m[1]);
    expect(actions(first.body).slice(0, 3)).toEqual(['test.step_59', 'test.step_58', 'test.step_57']);
    expect(actions(first.body)).toHaveLength(50);
    expect(first.body).toContain('href="/admin/audit?page=2"');
    const second = await get('/admin/audit?page=2', staff.cookie);
    expect(actions(second.body)).toEqual(Array.from({ length: 10 }, (_, index) => `test.step_${9 - index}`));
    expect(second.body).toContain('href="/admin/audit?page=1"');
  });

  it("shows the audit log's times in the viewer's own time zone", async () => {
    await t.test.db.person.update({ where: { id: seed.staffId }, data: { timeZone: 'Indian/Antananarivo' } });
    try {
      // Newer than every other entry, so that it is on the first page.
      const at = new Date(Date.now() + 3600_000);
      at.setUTCHours(at.getUTCHours(), 0, 0, 0);
      await t.test.db.auditLog.create({
        data: { actorId: seed.staffId, action: 'test.zone', entity: 'Test', createdAt: at },
      });
      const page = await get('/admin/audit', staff.cookie);
      // In words, not as an ISO date: « 2 décembre 2026 à 17:00 UTC+3 ».
      const local = DateTime.fromJSDate(at, { zone: 'Indian/Antananarivo' })
        .setLocale('fr')
        .toLocaleString(DateTime.DATETIME_FULL);
      expect(local).toContain('UTC+3');
      expect(page.body).toContain(`datetime="${at.toISOString()}">${local}</time>`);
    } finally {
      await t.test.db.person.update({ where: { id: seed.staffId }, data: { timeZone: null } });
    }
  });

  it('serves Bull Board to staff, with its scripts and styles from our own origin', async () => {
    const board = await get('/admin/queues', staff.cookie);
    expect(board.statusCode).toBe(200);
    const assets = [...board.body.matchAll(/(?:src|href)="(static\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(1);
    for (const asset of assets) {
      const response = await get(`/admin/queues/${asset}`, staff.cookie);
      expect(response.statusCode, asset).toBe(200);
    }
    const api = await get('/admin/queues/api/queues', staff.cookie);
    expect(api.statusCode).toBe(200);
    expect(api.json().queues.map((q: { name: string }) => q.name)).toContain('handle-inbound');
  });

  it("refuses Bull Board's actions from another site, and records an operator's from the dashboard", async () => {
    // Claire is an operator (DASHBOARD_OPERATORS): she changes queues on the board at /admin/queues/manage.
    t.deps.queueOperatorIds = [seed.staffId];
    const url = '/admin/queues/manage/api/queues/handle-inbound/pause';
    const forged = await t.app.inject({
      method: 'PUT',
      url,
      headers: { cookie: staff.cookie, origin: 'https://evil.example' },
    });
    expect(forged.statusCode).toBe(403);
    const mine = await t.app.inject({
      method: 'PUT',
      url,
      headers: { cookie: staff.cookie, origin: 'http://localhost:80', host: 'localhost:80' },
    });
    expect(mine.statusCode).toBe(200);
    await t.app.inject({
      method: 'PUT',
      url: '/admin/queues/manage/api/queues/handle-inbound/resume',
      headers: { cookie: staff.cookie, 'sec-fetch-site': 'same-origin' },
    });
    await expect
      .poll(() => t.test.db.auditLog.count({ where: { action: 'queue.change', actorId: seed.staffId } }))
      .toBe(2);
  });

  async function viewerOf(cookie: string) {
    const { findStaffSession } = await import('../../src/store/access/staff-sessions.ts');
    const { loadViewer } = await import('../../src/admin/load-viewer.ts');
    const session = await findStaffSession(t.test.db, cookie.split('=')[1]!, new Date());
    return (await loadViewer(t.test.db, session!, 'fr'))!;
  }
});
