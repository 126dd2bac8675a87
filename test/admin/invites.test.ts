import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.ts';
import {
  seedCohort,
  seedSecondProgramme,
  signInAs,
  startAdminTestApp,
  type SeededCohort,
  type SeededSecondProgramme,
} from '../support/admin-app.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

/** Creating, listing, printing and revoking invite codes from the dashboard (/admin/invites). */
describe('the invites page', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let db: Database;
  let seed: SeededCohort;
  let sud: SeededSecondProgramme;
  let trainers: SeededTrainers;
  const sessions: Record<string, { cookie: string; csrfToken: string }> = {};

  beforeAll(async () => {
    app = await startAdminTestApp({
      now: clockFrom(SAMPLE_DAYTIME),
      chatAccounts: { telegramBotUsername: 'CompagnonBot', whatsappBusinessNumber: '2250700000001' },
    });
    db = app.test.db;
    seed = await seedCohort(db, SAMPLE_DAYTIME);
    sud = await seedSecondProgramme(db, SAMPLE_DAYTIME, seed);
    trainers = await seedTrainers(db, seed, SAMPLE_DAYTIME);
    for (const [who, id] of [
      ['claire', seed.staffId],
      ['bernard', sud.staffId],
      ['diallo', seed.mentorIds[0]],
      ['aline', trainers.bukavuTrainerId],
    ] as const)
      sessions[who] = await signInAs(app.app, db, id, SAMPLE_DAYTIME);
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = (who: string, url: string) =>
    app.app.inject({ method: 'GET', url, headers: { cookie: sessions[who]!.cookie } });
  const post = (who: string, url: string, fields: Record<string, string>, withToken = true) =>
    app.app.inject({
      method: 'POST',
      url,
      headers: { cookie: sessions[who]!.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...fields, ...(withToken && { _csrf: sessions[who]!.csrfToken }) }).toString(),
    });
  const form = (change: Record<string, string> = {}) => ({
    cohort: seed.cohortId,
    role: 'participant',
    hub: '',
    count: '1',
    max_uses: '1',
    expires: '',
    ...change,
  });
  const codesOf = (cohortId: string) => db.inviteCode.findMany({ where: { cohortId }, orderBy: { createdAt: 'asc' } });
  /** The codes a successful creation redirected with. */
  const createdCodes = (location: unknown) =>
    new URL(String(location), 'http://x').searchParams.get('created')?.split(',') ?? [];
  /** The list card of one code, as HTML. */
  const cardOf = (page: string, code: string) => {
    const start = page.indexOf(`id="code-${code}"`);
    if (start < 0) throw new Error(`no card for ${code}`);
    return page.slice(start, page.indexOf('</li>', start));
  };
  const hubId = (key: string) => trainers.hubIds[key as keyof SeededTrainers['hubIds']];

  it('is in the staff navigation, with the form and an empty list at first', async () => {
    const page = await get('claire', '/admin/invites');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<a href="/admin/invites" aria-current="page">Invitations</a>');
    expect(page.body).toContain('<form method="post" action="/admin/invites"');
    expect(page.body).toContain(`name="_csrf" value="${sessions.claire!.csrfToken}"`);
    expect(page.body).toContain('Jusqu&#39;à la fin de ce jour, à l&#39;heure du programme (Europe/Paris).');
    expect(page.body).toContain('Aucun code pour l&#39;instant');
  });

  it('refuses mentors and trainers: they neither see the page nor create or revoke codes', async () => {
    const [existing] = await db.inviteCode.createManyAndReturn({
      data: [{ code: 'MENTOR22', cohortId: seed.cohortId, role: 'participant' }],
    });
    for (const who of ['diallo', 'aline']) {
      expect((await get(who, '/admin/invites')).statusCode).toBe(403);
      expect((await get(who, `/admin/invites/print?cohort=${seed.cohortId}`)).statusCode).toBe(403);
      expect((await post(who, '/admin/invites', form())).statusCode).toBe(403);
      expect((await post(who, `/admin/invites/${existing!.id}/revoke`, {})).statusCode).toBe(403);
    }
    expect((await codesOf(seed.cohortId)).map((code) => code.code)).toEqual(['MENTOR22']);
    expect((await db.inviteCode.findUniqueOrThrow({ where: { id: existing!.id } })).revokedAt).toBeNull();
    const nav = (await get('diallo', '/admin')).body;
    expect(nav).not.toContain('href="/admin/invites"');
    await db.inviteCode.delete({ where: { id: existing!.id } });
  });

  it('refuses a form without its token and creates nothing', async () => {
    const response = await post('claire', '/admin/invites', form(), false);
    expect(response.statusCode).toBe(403);
    expect(await codesOf(seed.cohortId)).toHaveLength(0);
  });

  it('creates codes for the cohort, shows each with its uses, expiry, links and QR code, and audits it', async () => {
    const response = await post('claire', '/admin/invites', form({ count: '3', max_uses: '2', expires: '2026-12-31' }));
    expect(response.statusCode).toBe(303);
    const created = createdCodes(response.headers.location);
    expect(created).toHaveLength(3);
    const stored = await codesOf(seed.cohortId);
    expect(stored.map((code) => code.code).sort()).toEqual([...created].sort());
    for (const code of stored) {
      expect(code).toMatchObject({ role: 'participant', maxUses: 2, uses: 0, hubId: null, createdById: seed.staffId });
      // The end of 31 December in Paris (UTC+1 in winter).
      expect(code.expiresAt?.toISOString()).toBe('2026-12-31T22:59:59.999Z');
    }

    const page = await get('claire', String(response.headers.location));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('3 codes créés.');
    expect(page.body).toContain(`href="/admin/invites/print?codes=${created.join(',')}"`);
    const card = cardOf(page.body, created[0]!);
    expect(card).toContain('Actif');
    expect(card).toContain('Encore 2 sur 2');
    expect(card).toContain('Valable jusqu&#39;au jeudi 31 décembre 2026, 23:59 (heure de Paris)');
    expect(card).toContain(`« REJOINDRE ${created[0]} » (français) ou « JOIN ${created[0]} » (anglais)`);
    expect(card).toContain(`href="https://t.me/CompagnonBot?start=${created[0]}"`);
    expect(card).toContain(`href="https://wa.me/2250700000001?text=REJOINDRE%20${created[0]}"`);
    expect(card).toMatch(/<svg class="qr" role="img" aria-label="QR code de l&#39;invitation [A-Z0-9]+"/);
    expect(card).toContain('Scanner pour ouvrir Telegram');
    expect(card).toContain('Personne n&#39;a encore rejoint avec ce code.');

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'invite.create' } });
    expect(audit).toMatchObject({ actorId: seed.staffId, entity: 'Cohort', entityId: seed.cohortId });
    expect(audit.details).toMatchObject({ role: 'participant', count: 3 });
    expect((await get('claire', '/admin/audit')).body).toContain(
      'Claire a créé 3 code(s) d’invitation pour la cohorte Promotion 2027',
    );
  });

  it('makes a trainer code for the hub chosen', async () => {
    const response = await post('claire', '/admin/invites', form({ role: 'trainer', hub: hubId('tunis') }));
    expect(response.statusCode).toBe(303);
    const [code] = createdCodes(response.headers.location);
    const stored = await db.inviteCode.findUniqueOrThrow({ where: { code: code! } });
    expect(stored).toMatchObject({ role: 'trainer', hubId: hubId('tunis') });
    const page = await get('claire', '/admin/invites');
    expect(cardOf(page.body, code!)).toContain('Formateur local · ville : Tunis');
  });

  it('shows the form again with each problem beside its field, and creates nothing', async () => {
    const before = (await codesOf(seed.cohortId)).length;
    const sudHub = (await db.hub.findFirstOrThrow({ where: { programmeId: sud.programmeId } })).id;
    const cases: [Record<string, string>, string, string][] = [
      [{ role: 'trainer' }, 'hub', 'Un code de formateur est pour une ville : choisissez celle qu&#39;il anime.'],
      [{ hub: hubId('abidjan') }, 'hub', 'Seul un code de formateur porte une ville'],
      [{ role: 'trainer', hub: sudHub }, 'hub', 'Cette ville n&#39;est pas une ville du programme de cette cohorte.'],
      [{ count: '0' }, 'count', 'Indiquez un nombre entier de 1 à 200.'],
      [{ count: '201' }, 'count', 'Indiquez un nombre entier de 1 à 200.'],
      [{ max_uses: 'deux' }, 'max_uses', 'Indiquez un nombre entier de 1 à 100 000.'],
      [{ expires: '2026-11-15' }, 'expires', 'Cette date est déjà passée (nous sommes le 16 novembre 2026)'],
      [{ expires: '31/12/2026' }, 'expires', 'Indiquez une date, par exemple 2027-02-01.'],
      [{ role: 'admin' }, 'role', 'Choisissez qui rejoint'],
    ];
    for (const [change, field, message] of cases) {
      const response = await post('claire', '/admin/invites', form(change));
      expect(response.statusCode, JSON.stringify(change)).toBe(400);
      expect(response.body).toContain('Aucun code n&#39;a été créé');
      expect(response.body).toContain('name="back" value="/admin/invites"');
      const error = new RegExp(`<strong id="${field}-error" class="field-error">([^<]*)</strong>`).exec(response.body);
      expect(error?.[1], JSON.stringify(change)).toContain(message);
      // The field says it is wrong, and which message explains it.
      expect(response.body).toMatch(
        new RegExp(`aria-describedby="(${field}-hint )?${field}-error" aria-invalid="true"`),
      );
    }
    // What was typed is kept.
    const kept = await post('claire', '/admin/invites', form({ count: '201', max_uses: '7', expires: '2026-11-15' }));
    expect(kept.body).toContain('value="7"');
    expect(kept.body).toContain('value="2026-11-15"');
    expect(await codesOf(seed.cohortId)).toHaveLength(before);
  });

  it('keeps each programme’s codes to its own staff', async () => {
    const claireCodes = (await codesOf(seed.cohortId)).map((code) => code.code);
    const bernard = await get('bernard', '/admin/invites');
    expect(bernard.statusCode).toBe(200);
    for (const code of claireCodes) expect(bernard.body).not.toContain(code);
    expect(bernard.body).not.toContain(`value="${seed.cohortId}"`);
    expect((await get('bernard', `/admin/invites?cohort=${seed.cohortId}`)).body).not.toContain(claireCodes[0]);

    const refused = await post('bernard', '/admin/invites', form());
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Choisissez une des cohortes de la liste.');
    expect(await codesOf(seed.cohortId)).toHaveLength(claireCodes.length);

    const target = (await codesOf(seed.cohortId))[0]!;
    expect((await post('bernard', `/admin/invites/${target.id}/revoke`, {})).statusCode).toBe(404);
    expect((await db.inviteCode.findUniqueOrThrow({ where: { id: target.id } })).revokedAt).toBeNull();
    expect((await get('bernard', `/admin/invites/print?cohort=${seed.cohortId}`)).statusCode).toBe(404);
    const printed = await get('bernard', `/admin/invites/print?codes=${claireCodes.join(',')}`);
    // The address Bernard typed is kept only to come back to it (the header's language switch).
    const printedMain = printed.body.slice(printed.body.indexOf('<main'));
    for (const code of claireCodes) expect(printedMain).not.toContain(code);

    // Bernard makes codes for his own cohort.
    const own = await post('bernard', '/admin/invites', form({ cohort: sud.cohortId }));
    expect(own.statusCode).toBe(303);
    expect(await codesOf(sud.cohortId)).toHaveLength(1);
    expect((await get('claire', '/admin/invites')).body).not.toContain(createdCodes(own.headers.location)[0]);
  });

  it('names who joined with a code, linking to a participant’s page, and counts the uses left', async () => {
    const code = (await codesOf(seed.cohortId)).find((row) => row.role === 'participant')!;
    const awa = seed.participantIds[0]!;
    await db.enrolment.update({ where: { id: seed.enrolmentIds[awa]! }, data: { inviteCodeId: code.id } });
    await db.inviteCode.update({ where: { id: code.id }, data: { uses: 1 } });
    const card = cardOf((await get('claire', '/admin/invites')).body, code.code);
    expect(card).toContain(`Ont rejoint avec ce code : <a href="/admin/people/${awa}">Awa</a>`);
    expect(card).toContain('Encore 1 sur 2');
  });

  it('prints a card per active code with a QR code per app and both join texts', async () => {
    const codes = (await codesOf(seed.cohortId)).map((row) => row.code);
    const page = await get('claire', `/admin/invites/print?codes=${codes.join(',')}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('@media print');
    const cards = page.body.split('<li class="print-card">').slice(1);
    expect(cards).toHaveLength(codes.length);
    const card = cards.find((text) => text.includes(codes[0]!))!;
    expect(card.match(/<svg class="qr"/g)).toHaveLength(2);
    expect(card).toContain('Scanner pour ouvrir Telegram');
    expect(card).toContain('Scanner pour ouvrir WhatsApp');
    expect(card).toContain(`Envoyez REJOINDRE ${codes[0]}`);
    expect(card).toContain(`Send JOIN ${codes[0]}`);
    const byCohort = await get('claire', `/admin/invites/print?cohort=${seed.cohortId}`);
    expect(byCohort.body.split('<li class="print-card">')).toHaveLength(codes.length + 1);
  });

  it('revokes a code after asking, audits it once, and stops it being printed', async () => {
    const code = (await codesOf(seed.cohortId))[1]!;
    const page = (await get('claire', '/admin/invites')).body;
    expect(cardOf(page, code.code)).toContain(
      `<details class="revoke"><summary>Révoquer…</summary>\n<form method="post" action="/admin/invites/${code.id}/revoke">`,
    );
    expect((await post('claire', `/admin/invites/${code.id}/revoke`, {}, false)).statusCode).toBe(403);
    expect((await db.inviteCode.findUniqueOrThrow({ where: { id: code.id } })).revokedAt).toBeNull();

    const response = await post('claire', `/admin/invites/${code.id}/revoke`, {});
    expect(response.statusCode).toBe(303);
    expect((await db.inviteCode.findUniqueOrThrow({ where: { id: code.id } })).revokedAt).toEqual(expect.any(Date));
    const after = (await get('claire', String(response.headers.location))).body;
    expect(after).toContain(`Le code ${code.code} est révoqué : plus personne ne peut rejoindre avec.`);
    const card = cardOf(after, code.code);
    expect(card).toContain('Révoqué');
    expect(card).not.toContain('<svg');
    expect(card).not.toContain('/revoke');

    await post('claire', `/admin/invites/${code.id}/revoke`, {});
    const audits = await db.auditLog.findMany({ where: { action: 'invite.revoke' } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: seed.staffId, entityId: seed.cohortId, details: { code: code.code } });
    expect((await get('claire', '/admin/audit')).body).toContain(
      `Claire a révoqué le code d’invitation ${code.code} de la cohorte Promotion 2027`,
    );

    const printed = await get('claire', `/admin/invites/print?codes=${code.code}`);
    expect(printed.body).not.toContain('<li class="print-card">');
    expect(printed.body).toContain('1 code demandé n&#39;est plus actif et n&#39;est pas imprimé.');
  });

  it('reads in English for a staff member who reads English', async () => {
    await db.person.update({ where: { id: seed.staffId }, data: { locale: 'en' } });
    try {
      const page = (await get('claire', '/admin/invites')).body;
      const code = (await codesOf(seed.cohortId)).find((row) => row.revokedAt === null && row.role === 'participant')!;
      const card = cardOf(page, code.code);
      expect(page).toContain('<h1>Invites</h1>');
      expect(card).toContain('Valid until Thursday 31 December 2026, 23:59 (Paris time)');
      expect(card).toContain(`“REJOINDRE ${code.code}” (French) or “JOIN ${code.code}” (English)`);
      expect(card).toContain('Scan to open Telegram');
      expect(page).not.toMatch(/dashboard-invites:/);
    } finally {
      await db.person.update({ where: { id: seed.staffId }, data: { locale: 'fr' } });
    }
  });

  it('refuses to enrol anyone with a revoked code', async () => {
    const code = (
      await db.inviteCode.findFirstOrThrow({ where: { cohortId: seed.cohortId, revokedAt: { not: null } } })
    ).code;
    const person = await SimulatedPerson.create(app, { name: 'Moussa', role: 'newcomer' });
    const [reply] = await person.send(`REJOINDRE ${code}`);
    expect(reply?.text).toBe(`Le code ${code} n'est plus valable. Demandez un nouveau code à l'équipe du programme.`);
    expect(await db.enrolment.count({ where: { personId: person.personId } })).toBe(0);
  });
});
