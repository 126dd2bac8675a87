import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { seedCohort, signInAs, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { importSample } from '../support/sample-programme.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import type { TestApp } from '../support/test-app.ts';

describe('dashboard sign-in', () => {
  let t: TestApp & { baseUrl: string };
  let seed: SeededCohort;
  let clock = new Date();

  beforeAll(async () => {
    t = await startAdminTestApp({ now: () => clock, sessionHours: 12, linkMinutes: 15 });
    seed = await seedCohort(t.test.db, new Date());
  });

  afterAll(async () => {
    await t.close();
  });

  const link = async (personId: string) => {
    const made = await createSignInLink(t.test.db, { personId, now: clock, validMinutes: 15 });
    if (!made.ok) throw new Error(made.reason);
    return made.token;
  };
  const cookieOf = (response: { headers: Record<string, unknown> }) =>
    [response.headers['set-cookie']]
      .flat()
      .find((h): h is string => typeof h === 'string' && h.startsWith('compagnon_session='));

  it('shows a button on GET without using the link, then signs in on POST and lands on /admin', async () => {
    const token = await link(seed.staffId);
    const preview = await t.app.inject({ method: 'GET', url: `/admin/sign-in/${token}` });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain(`<form method="post" action="/admin/sign-in/${token}">`);
    // The token in the address goes to no other site; the form is sent with this origin.
    expect(preview.headers['referrer-policy']).toBe('same-origin');
    // A link preview opened it: it still works.
    expect((await t.app.inject({ method: 'GET', url: `/admin/sign-in/${token}` })).statusCode).toBe(200);

    const signIn = await t.app.inject({ method: 'POST', url: `/admin/sign-in/${token}` });
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toBe('/admin');
    const cookie = cookieOf(signIn)!;
    const home = await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie: cookie.split(';')[0]! } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Claire');
    expect(home.body).toContain('Promotion 2027');
    const audit = await t.test.db.auditLog.findFirst({ where: { action: 'dashboard.sign_in', actorId: seed.staffId } });
    expect(audit).not.toBeNull();
  });

  it('sets an HttpOnly, SameSite=Lax session cookie on /admin that ends with the session', async () => {
    const signIn = await t.app.inject({ method: 'POST', url: `/admin/sign-in/${await link(seed.staffId)}` });
    const cookie = cookieOf(signIn)!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\/admin/);
    expect(cookie).toMatch(/; Max-Age=43200/);
    expect(cookie).not.toMatch(/; Secure/);
    // The database keeps a hash, never the token itself.
    const token = cookie.split(';')[0]!.split('=')[1]!;
    expect(await t.test.db.staffSession.count({ where: { tokenHash: token } })).toBe(0);
  });

  it('uses a link once: a second sign-in with it fails', async () => {
    const token = await link(seed.mentorIds[0]);
    expect((await t.app.inject({ method: 'POST', url: `/admin/sign-in/${token}` })).statusCode).toBe(303);
    const again = await t.app.inject({ method: 'POST', url: `/admin/sign-in/${token}` });
    expect(again.statusCode).toBe(410);
    expect(cookieOf(again)).toBeUndefined();
    expect(again.body).toContain('Ce lien ne fonctionne pas');
    expect((await t.app.inject({ method: 'GET', url: `/admin/sign-in/${token}` })).statusCode).toBe(410);
  });

  it('opens one session when the same link is used twice at the same moment', async () => {
    const token = await link(seed.staffId);
    const before = await t.test.db.staffSession.count();
    const results = await Promise.all(
      [1, 2, 3].map(() => t.app.inject({ method: 'POST', url: `/admin/sign-in/${token}` })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([303, 410, 410]);
    expect(await t.test.db.staffSession.count()).toBe(before + 1);
  });

  it('refuses an expired link', async () => {
    const token = await link(seed.staffId);
    clock = new Date(clock.getTime() + 16 * 60_000);
    try {
      expect((await t.app.inject({ method: 'GET', url: `/admin/sign-in/${token}` })).statusCode).toBe(410);
      const signIn = await t.app.inject({ method: 'POST', url: `/admin/sign-in/${token}` });
      expect(signIn.statusCode).toBe(410);
      expect(cookieOf(signIn)).toBeUndefined();
    } finally {
      clock = new Date();
    }
  });

  it('refuses a sign-in form posted from another site, and keeps the link', async () => {
    const token = await link(seed.staffId);
    const forged = await t.app.inject({
      method: 'POST',
      url: `/admin/sign-in/${token}`,
      headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    });
    expect(forged.statusCode).toBe(403);
    expect(cookieOf(forged)).toBeUndefined();
    const fromUs = await t.app.inject({
      method: 'POST',
      url: `/admin/sign-in/${token}`,
      headers: { 'sec-fetch-site': 'same-origin', origin: 'null' },
    });
    expect(fromUs.statusCode).toBe(303);
  });

  it('refuses an unknown or malformed token', async () => {
    expect((await t.app.inject({ method: 'POST', url: `/admin/sign-in/${'a'.repeat(43)}` })).statusCode).toBe(410);
    expect((await t.app.inject({ method: 'POST', url: '/admin/sign-in/not-a-token' })).statusCode).toBe(410);
  });

  it('gives participants no link, and says why', async () => {
    const made = await createSignInLink(t.test.db, { personId: seed.participantIds[0]!, now: clock, validMinutes: 15 });
    expect(made).toEqual({ ok: false, reason: 'participant' });
  });

  it('refuses at sign-in someone who lost staff rights after the link was made', async () => {
    const token = await link(seed.staffId);
    const enrolment = await t.test.db.enrolment.findFirstOrThrow({ where: { personId: seed.staffId, role: 'staff' } });
    await t.test.db.enrolment.update({ where: { id: enrolment.id }, data: { status: 'stopped' } });
    try {
      const signIn = await t.app.inject({ method: 'POST', url: `/admin/sign-in/${token}` });
      expect(signIn.statusCode).toBe(403);
      expect(cookieOf(signIn)).toBeUndefined();
    } finally {
      await t.test.db.enrolment.update({ where: { id: enrolment.id }, data: { status: 'active' } });
    }
  });

  it('ends a session after DASHBOARD_SESSION_HOURS', async () => {
    const { cookie } = await signInAs(t.app, t.test.db, seed.staffId);
    expect((await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie } })).statusCode).toBe(200);
    clock = new Date(clock.getTime() + 12 * 3600_000 + 1000);
    try {
      const later = await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie } });
      expect(later.statusCode).toBe(303);
      expect(later.headers.location).toBe('/admin/sign-in');
    } finally {
      clock = new Date();
    }
  });

  it('signs out: the session stops working at once, and the sign-out is in the audit log', async () => {
    const { cookie, csrfToken } = await signInAs(t.app, t.test.db, seed.staffId);
    const out = await t.app.inject({
      method: 'POST',
      url: '/admin/sign-out',
      headers: { cookie },
      payload: { _csrf: csrfToken },
    });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/admin/sign-in?signed_out&lang=fr');
    expect(String(out.headers['set-cookie'])).toMatch(/compagnon_session=;/);
    const after = await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie } });
    expect(after.statusCode).toBe(303);
    expect(await t.test.db.auditLog.count({ where: { action: 'dashboard.sign_out', actorId: seed.staffId } })).toBe(1);
  });

  it('explains how to get a link on /admin/sign-in', async () => {
    const page = await t.app.inject({
      method: 'GET',
      url: '/admin/sign-in',
      headers: { 'accept-language': 'en-GB,en;q=0.8' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('send DASHBOARD to Compagnon');
    // Someone with no chat account is told whom to ask, and what that person runs.
    expect(page.body).toContain('ask whoever runs the server for a link (compagnon staff add for a new team member');
  });
});

describe('dashboard cookies behind TLS', () => {
  it('marks the session cookie Secure', async () => {
    const t = await startAdminTestApp({ publicUrl: 'https://compagnon.example.org', secureCookies: true });
    try {
      const seed = await seedCohort(t.test.db, new Date());
      const made = await createSignInLink(t.test.db, { personId: seed.staffId, now: new Date(), validMinutes: 15 });
      if (!made.ok) throw new Error(made.reason);
      const signIn = await t.app.inject({ method: 'POST', url: `/admin/sign-in/${made.token}` });
      expect(String(signIn.headers['set-cookie'])).toMatch(/compagnon_session=[^;]+;.*; Secure/);
    } finally {
      await t.close();
    }
  });
});

describe('DASHBOARD in chat', () => {
  let t: TestApp & { baseUrl: string };

  beforeAll(async () => {
    t = await startAdminTestApp();
    await importSample(t.test.db);
  });

  afterAll(async () => {
    await t.close();
  });

  it('sends staff a one-time link that signs them in', async () => {
    const claire = await SimulatedPerson.create(t, { name: 'Claire', role: 'staff' });
    const [reply] = await claire.send('Tableau de bord');
    expect(reply?.text).toContain('Votre lien vers le tableau de bord, valable 15 minutes');
    const path = /\/admin\/sign-in\/[A-Za-z0-9_-]{43}/.exec(reply?.text ?? '')?.[0];
    expect(path).toBeDefined();
    const signIn = await t.app.inject({ method: 'POST', url: path! });
    expect(signIn.statusCode).toBe(303);
    expect(await t.test.db.auditLog.count({ where: { action: 'dashboard.link', actorId: claire.personId } })).toBe(1);
  });

  it('tells a participant the dashboard is for staff and mentors', async () => {
    const awa = await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    const [reply] = await awa.send('dashboard');
    expect(reply?.text).toBe(
      "Le tableau de bord est réservé à l'équipe du programme, aux formateurs et formatrices, et aux mentors.",
    );
    expect(await t.test.db.signInLink.count({ where: { personId: awa.personId } })).toBe(0);
  });

  it('tells a mentor without mentees to wait for them, and lists DASHBOARD in their help', async () => {
    const mentor = await SimulatedPerson.create(t, { name: 'M. Rakoto', role: 'mentor' });
    expect((await mentor.send('tableau de bord'))[0]?.text).toBe(
      "Le tableau de bord s'ouvre aux mentors dès qu'ils ont des mentorés.",
    );
    expect((await mentor.send('aide'))[0]?.text).toContain('TABLEAU DE BORD');
  });
});

describe('who may have a link', () => {
  let t: TestApp & { baseUrl: string };
  let seed: SeededCohort;

  beforeAll(async () => {
    t = await startAdminTestApp();
    seed = await seedCohort(t.test.db, new Date());
  });

  afterAll(async () => {
    await t.close();
  });

  const linkFor = (personId: string) => createSignInLink(t.test.db, { personId, now: new Date(), validMinutes: 15 });

  it('refuses people who opted out or were erased, mentors without mentees and unknown ids', async () => {
    const [diallo, rakoto] = seed.mentorIds;
    await t.test.db.person.update({ where: { id: diallo }, data: { optedOutAt: new Date() } });
    expect(await linkFor(diallo)).toEqual({ ok: false, reason: 'opted_out' });
    await t.test.db.person.update({ where: { id: diallo }, data: { optedOutAt: null, erasedAt: new Date() } });
    expect(await linkFor(diallo)).toEqual({ ok: false, reason: 'erased' });
    await t.test.db.mentorAssignment.updateMany({ where: { mentorId: rakoto }, data: { endedAt: new Date() } });
    expect(await linkFor(rakoto)).toEqual({ ok: false, reason: 'no_mentees' });
    expect(await linkFor('nobody')).toEqual({ ok: false, reason: 'unknown' });
    expect(await t.test.db.signInLink.count()).toBe(0);
    expect(await linkFor(seed.staffId)).toMatchObject({ ok: true });
  });

  it('closes the dashboard at once to staff whose staff enrolment is stopped', async () => {
    const staff = await signInAs(t.app, t.test.db, seed.staffId);
    const enrolment = await t.test.db.enrolment.findFirstOrThrow({ where: { personId: seed.staffId, role: 'staff' } });
    await t.test.db.enrolment.update({ where: { id: enrolment.id }, data: { status: 'stopped' } });
    expect((await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie: staff.cookie } })).statusCode).toBe(
      303,
    );
  });
});
