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
import { seedApplications, type SeededApplications } from '../support/seed-applications.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

/** Reviewing applications on the dashboard: list, reviews, shortlist, decisions told in each applicant's language. */
describe('the applications pages', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let db: Database;
  let seed: SeededCohort;
  let sud: SeededSecondProgramme;
  let trainers: SeededTrainers;
  let applications: SeededApplications;
  let moussaId: string;
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
    applications = await seedApplications(db, SAMPLE_DAYTIME, { mediaDir: app.mediaDir, keepDeclinedDays: 30 });
    const moussa = await db.person.create({ data: { displayName: 'Moussa', roles: ['staff'], locale: 'fr' } });
    await db.enrolment.create({ data: { personId: moussa.id, cohortId: seed.cohortId, role: 'staff' } });
    moussaId = moussa.id;
    for (const [who, id] of [
      ['claire', seed.staffId],
      ['moussa', moussaId],
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
  const page = (id: string) => `/admin/applications/${id}`;
  const decisionMessages = (personId: string) =>
    db.outboundMessage.findMany({
      where: { personId, purpose: 'application_decision' },
      orderBy: { sequence: 'asc' },
    });

  it('shows the call, its links with QR codes, the counts per state and country, and the list', async () => {
    const response = await get('claire', '/admin/applications');
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('<a href="/admin/applications" aria-current="page">Candidatures</a>');
    expect(body).toContain('Ouvert');
    expect(body).toContain('https://t.me/CompagnonBot?start=apply');
    expect(body).toContain('https://wa.me/2250700000001?text=POSTULER');
    expect(body).toContain('https://wa.me/2250700000001?text=APPLY');
    expect(body.match(/<svg class="qr"/g)).toHaveLength(3);
    expect(body).toMatch(/<b>1<\/b>commencées/);
    expect(body).toMatch(/<b>3<\/b>envoyées/);
    expect(body).toMatch(/Cameroun<\/span> <b>2<\/b>/);
    expect(body).toMatch(/Sénégal<\/span> <b>1<\/b>/);
    for (const name of ['Aminata Sow', 'John Mbah', 'Grace Nkemelu', 'Koffi Yao']) expect(body).toContain(name);
    expect(body).toContain('href="/admin/applications.csv?call=');
  });

  it('filters by the address: state, country, and graded by me', async () => {
    const started = await get('claire', '/admin/applications?state=started');
    expect(started.body).toContain('Koffi Yao');
    expect(started.body).not.toContain('Aminata Sow');
    const cameroon = await get('claire', '/admin/applications?country=CM');
    expect(cameroon.body).toContain('John Mbah');
    expect(cameroon.body).toContain('Grace Nkemelu');
    expect(cameroon.body).not.toContain('Aminata Sow</a>');
    const nonsense = await get('claire', '/admin/applications?state=nonsense&decision=maybe');
    expect(nonsense.statusCode).toBe(200);
    expect(nonsense.body).toContain('Koffi Yao');
  });

  it('shows an application with its answers: text, choices as labels, numbers and the photo', async () => {
    const response = await get('claire', page(applications.aminata.applicationId));
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Une carte ouverte des points d’eau de Dakar.');
    expect(response.body).toContain('<li>En cours</li>');
    expect(response.body).toContain('<li>Données</li><li>Santé</li>');
    expect(response.body).toContain('<strong>5</strong> / 5');
    expect(response.body).toContain(`<img class="answer-photo" src="/admin/media/${applications.aminata.photoId}"`);
    expect(response.body).toContain('Sénégal');
    expect(response.body).toContain('Dakar');
    const photo = await get('claire', `/admin/media/${applications.aminata.photoId}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    // Another programme's staff cannot read the file.
    expect((await get('bernard', `/admin/media/${applications.aminata.photoId}`)).statusCode).toBe(404);
  });

  it('takes a grade from each of two reviewers, shows both and their average, and lets each change theirs', async () => {
    const id = applications.aminata.applicationId;
    expect((await post('claire', `${page(id)}/review`, { score: '4', comment: 'Projet solide' })).statusCode).toBe(303);
    expect((await post('moussa', `${page(id)}/review`, { score: '5', comment: '' })).statusCode).toBe(303);
    let body = (await get('claire', page(id))).body;
    expect(body).toContain('Moyenne : 4,5 / 5 (2 notes)');
    expect(body).toContain('<strong>Claire</strong> : 4 / 5<br><q>Projet solide</q>');
    expect(body).toContain('<strong>Moussa</strong> : 5 / 5');
    expect((await post('claire', `${page(id)}/review`, { score: '3', comment: 'Projet solide' })).statusCode).toBe(303);
    body = (await get('moussa', page(id))).body;
    expect(body).toContain('Moyenne : 4 / 5 (2 notes)');
    expect(await db.applicationReview.count({ where: { applicationId: id } })).toBe(2);
    const list = await get('claire', '/admin/applications?graded=mine');
    expect(list.body).toContain('Aminata Sow');
    expect(list.body).not.toContain('John Mbah</a>');
    expect(list.body).toContain('4 / 5');
  });

  it('refuses a review without a grade or out of the scale, saying so beside the field', async () => {
    const id = applications.john.applicationId;
    const missing = await post('claire', `${page(id)}/review`, { score: '', comment: 'hmm' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain(
      '<span class="field-error" id="score-error">Choisissez une note : rien n’a été enregistré.</span>',
    );
    expect(missing.body).toContain('>hmm</textarea>');
    const outside = await post('claire', `${page(id)}/review`, { score: '9' });
    expect(outside.statusCode).toBe(400);
    expect(outside.body).toContain('Une note est un nombre entier de 1 à 5.');
    expect(await db.applicationReview.count({ where: { applicationId: id } })).toBe(0);
    // A review still being written cannot be graded.
    const started = await post('claire', `${page(applications.koffi.applicationId)}/review`, { score: '3' });
    expect(started.statusCode).toBe(400);
  });

  it('refuses a form without the CSRF token', async () => {
    const response = await post('claire', `${page(applications.john.applicationId)}/review`, { score: '3' }, false);
    expect(response.statusCode).toBe(403);
    expect(await db.applicationReview.count({ where: { applicationId: applications.john.applicationId } })).toBe(0);
  });

  it('shortlists an application and takes it off again', async () => {
    const id = applications.aminata.applicationId;
    expect((await post('claire', `${page(id)}/shortlist`, { shortlisted: 'yes' })).statusCode).toBe(303);
    expect((await db.application.findUniqueOrThrow({ where: { id } })).shortlisted).toBe(true);
    const list = await get('claire', '/admin/applications?shortlisted=yes');
    expect(list.body).toContain('Aminata Sow');
    expect(list.body).not.toContain('Grace Nkemelu</a>');
    await post('claire', `${page(id)}/shortlist`, { shortlisted: 'no' });
    expect((await db.application.findUniqueOrThrow({ where: { id } })).shortlisted).toBe(false);
    await post('claire', `${page(id)}/shortlist`, { shortlisted: 'yes' });
  });

  it('accepts after a confirmation showing the French message; enrols her and asks the next joining question', async () => {
    const { applicationId, personId } = applications.aminata;
    const step = await post('claire', `${page(applicationId)}/decision`, { decision: 'accepted' });
    expect(step.statusCode).toBe(200);
    expect(step.body).toContain('lang="fr"');
    expect(step.body).toContain('Bonne nouvelle, Aminata Sow : votre candidature à');
    expect(step.body).toContain('name="confirm" value="yes"');
    expect((await db.application.findUniqueOrThrow({ where: { id: applicationId } })).decision).toBeNull();

    const done = await post('claire', `${page(applicationId)}/decision`, { decision: 'accepted', confirm: 'yes' });
    expect(done.statusCode).toBe(303);
    const application = await db.application.findUniqueOrThrow({ where: { id: applicationId } });
    expect(application.decision).toBe('accepted');
    expect(application.decidedById).toBe(seed.staffId);
    expect(application.decisionToldAt).not.toBeNull();
    const enrolment = await db.enrolment.findUniqueOrThrow({
      where: { personId_cohortId: { personId, cohortId: applications.call.cohortId } },
    });
    expect(enrolment).toMatchObject({ role: 'participant', status: 'active', joinedAt: null });
    expect((await db.person.findUniqueOrThrow({ where: { id: personId } })).roles).toEqual(['participant']);
    const messages = await decisionMessages(personId);
    expect(messages.length).toBeGreaterThanOrEqual(2);
    expect(messages[0]!.payload).toMatchObject({
      kind: 'text',
      text: expect.stringContaining('Bonne nouvelle, Aminata Sow'),
    });
    // The next joining question, in French, with buttons.
    expect(messages[1]!.payload).toMatchObject({ kind: 'choices' });
    expect(JSON.stringify(messages[1]!.payload)).not.toMatch(/\b(the|your|you)\b/i);
    const state = await db.conversationState.findUnique({ where: { personId } });
    expect(state?.flow).toBe('joining');
  });

  it('declines John in English, with the date his application is erased; a told decision is final', async () => {
    const { applicationId, personId } = applications.john;
    await post('claire', `${page(applicationId)}/decision`, { decision: 'declined', confirm: 'yes' });
    const application = await db.application.findUniqueOrThrow({ where: { id: applicationId } });
    expect(application.decision).toBe('declined');
    expect(application.eraseAfter!.getTime() - application.decidedAt!.getTime()).toBe(30 * 24 * 3600_000);
    const [message, ...more] = await decisionMessages(personId);
    expect(more).toHaveLength(0);
    expect(message!.payload).toMatchObject({
      kind: 'text',
      text: expect.stringContaining('Hello John Mbah, thank you for applying'),
    });
    expect(await db.enrolment.count({ where: { personId } })).toBe(0);

    const again = await post('claire', `${page(applicationId)}/decision`, { decision: 'accepted', confirm: 'yes' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('une décision annoncée est définitive');
    expect((await db.application.findUniqueOrThrow({ where: { id: applicationId } })).decision).toBe('declined');
    const accepted = await post('claire', `${page(applications.aminata.applicationId)}/decision`, {
      decision: 'declined',
      confirm: 'yes',
    });
    expect(accepted.statusCode).toBe(409);
  });

  it('puts Grace on the waiting list in English, then accepts her from it', async () => {
    const { applicationId, personId } = applications.grace;
    await post('claire', `${page(applicationId)}/decision`, { decision: 'waiting_list', confirm: 'yes' });
    let messages = await decisionMessages(personId);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.payload).toMatchObject({
      text: expect.stringContaining('Your application is on our waiting list'),
    });
    const body = (await get('claire', page(applicationId))).body;
    expect(body).toContain('value="accepted"');
    expect(body).toContain('value="declined"');
    expect(body).not.toContain('value="waiting_list"');
    // Left on the waiting list, it would be erased keep_declined after the decision; accepted, it is kept.
    expect((await db.application.findUniqueOrThrow({ where: { id: applicationId } })).eraseAfter).not.toBeNull();
    await post('claire', `${page(applicationId)}/decision`, { decision: 'accepted', confirm: 'yes' });
    expect((await db.application.findUniqueOrThrow({ where: { id: applicationId } })).eraseAfter).toBeNull();
    messages = await decisionMessages(personId);
    expect(messages.length).toBeGreaterThanOrEqual(3);
    expect(messages[1]!.payload).toMatchObject({ text: expect.stringContaining('Good news, Grace Nkemelu') });
    expect(await db.enrolment.count({ where: { personId, role: 'participant' } })).toBe(1);
  });

  it('counts the decisions and filters by them', async () => {
    const body = (await get('claire', '/admin/applications')).body;
    expect(body).toMatch(/<b>2<\/b>acceptées/);
    expect(body).toMatch(/<b>1<\/b>refusées/);
    expect(body).toMatch(/<b>1<\/b>présélectionnées/);
    const declined = await get('claire', '/admin/applications?decision=declined');
    expect(declined.body).toContain('John Mbah');
    expect(declined.body).not.toContain('Grace Nkemelu</a>');
  });

  it('exports applications.csv with the same filters, one row per application and the answers as columns', async () => {
    const all = await get('claire', `/admin/applications.csv?call=${applications.call.id}`);
    expect(all.statusCode).toBe(200);
    expect(all.headers['content-type']).toContain('text/csv');
    const lines = all.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain('nom,langue,pays,ville,état');
    expect(lines[0]).toContain('Décrivez votre projet.');
    const aminata = lines.find((line) => line.includes('Aminata Sow'))!;
    expect(aminata).toContain(',fr,SN,Dakar,submitted,');
    expect(aminata).toContain(',accepted,');
    expect(aminata).toContain('Données; Santé');
    expect(aminata).toContain(`image/png ${applications.aminata.photoId}`);
    // A formula typed by an applicant stays text.
    expect(lines.find((line) => line.includes('John Mbah'))).toContain(`"'=cmd|calc, ""a civic radio"""`);
    const cameroon = await get('claire', `/admin/applications.csv?call=${applications.call.id}&country=CM`);
    expect(cameroon.body.trimEnd().split('\r\n')).toHaveLength(3);
    const audit = await db.auditLog.findFirst({
      where: { action: 'export.csv', actorId: seed.staffId },
      orderBy: { createdAt: 'desc' },
    });
    expect(audit?.details).toMatchObject({ file: 'applications.csv' });
  });

  it('writes every review, shortlist and decision in the audit, as sentences', async () => {
    const actions = await db.auditLog.findMany({ where: { entity: 'Application' }, select: { action: true } });
    expect(new Set(actions.map((a) => a.action))).toEqual(
      new Set([
        'application.review',
        'application.shortlist',
        'application.unshortlist',
        'application.accept',
        'application.decline',
        'application.waiting_list',
      ]),
    );
    const body = (await get('claire', '/admin/audit')).body;
    expect(body).toContain('Claire a noté une candidature : 4 avec un commentaire');
    expect(body).toContain('Moussa a noté une candidature : 5');
    expect(body).toContain('Claire a accepté une candidature et lui a envoyé le message');
    expect(body).toContain('Claire a refusé une candidature et lui a envoyé le message');
    expect(body).toContain('Claire a mis une candidature en liste d’attente');
    expect(body).toContain(
      `<a href="/admin/applications/${applications.aminata.applicationId}">voir la candidature</a>`,
    );
  });

  it('is for staff only: mentors and trainers get 403, another programme’s staff sees no call and no application', async () => {
    for (const who of ['diallo', 'aline']) {
      expect((await get(who, '/admin/applications')).statusCode).toBe(403);
      expect((await get(who, page(applications.grace.applicationId))).statusCode).toBe(403);
      expect((await get(who, '/admin/applications.csv')).statusCode).toBe(403);
      expect(
        (await post(who, `${page(applications.koffi.applicationId)}/shortlist`, { shortlisted: 'yes' })).statusCode,
      ).toBe(403);
    }
    const list = await get('bernard', '/admin/applications');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Aucun appel à candidatures');
    expect(list.body).not.toContain('Aminata');
    expect((await get('bernard', page(applications.grace.applicationId))).statusCode).toBe(404);
    expect((await post('bernard', `${page(applications.grace.applicationId)}/review`, { score: '1' })).statusCode).toBe(
      404,
    );
    expect((await get('bernard', '/admin/applications.csv')).statusCode).toBe(404);
    expect((await get('claire', '/admin/applications/no-such-application')).statusCode).toBe(404);
  });
});
