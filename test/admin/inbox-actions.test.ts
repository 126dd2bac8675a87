import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.ts';
import { seedCohort, signInAs, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { askTheHelpDesk, multipartBody, PNG } from '../support/help-desk-inbox.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

const HOUR = 3600_000;

/** Answering, handing over, closing and reopening a conversation from the dashboard; and writing first. */
describe('help-desk conversations on the dashboard', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let db: Database;
  let seed: SeededCohort;
  let trainers: SeededTrainers;
  let conversationId: string;
  const sessions: Record<string, { cookie: string; csrfToken: string }> = {};

  beforeAll(async () => {
    app = await startAdminTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    db = app.test.db;
    seed = await seedCohort(db, SAMPLE_DAYTIME, { mediaDir: app.mediaDir });
    trainers = await seedTrainers(db, seed, SAMPLE_DAYTIME);
    ({ conversationId } = await askTheHelpDesk(db, trainers.josueId, {
      text: "je n'arrive pas à ouvrir la vidéo",
      at: new Date(SAMPLE_DAYTIME.getTime() - 2 * HOUR),
    }));
    for (const [who, id] of [
      ['claire', seed.staffId],
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
  const postForm = (who: string, url: string, fields: Record<string, string>, withToken = true) =>
    app.app.inject({
      method: 'POST',
      url,
      headers: { cookie: sessions[who]!.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...fields, ...(withToken && { _csrf: sessions[who]!.csrfToken }) }).toString(),
    });
  const postMessage = async (
    who: string,
    url: string,
    text: string,
    file?: { name: string; type: string; data: Buffer },
    withToken = true,
  ) => {
    const { payload, headers } = await multipartBody(
      { ...(withToken && { _csrf: sessions[who]!.csrfToken }), text },
      file,
    );
    return app.app.inject({ method: 'POST', url, headers: { ...headers, cookie: sessions[who]!.cookie }, payload });
  };
  const outboxTo = (personId: string) =>
    db.outboundMessage.findMany({ where: { personId }, orderBy: [{ createdAt: 'asc' }, { sequence: 'asc' }] });
  const auditPage = async () => (await get('claire', '/admin/audit')).body;

  it('refuses a reply without the form’s token, and keeps nothing', async () => {
    const response = await postMessage('aline', `/admin/inbox/${conversationId}/reply`, 'Bonjour', undefined, false);
    expect(response.statusCode).toBe(403);
    expect(await db.helpMessage.count({ where: { conversationId, fromPerson: false } })).toBe(0);
    const close = await postForm('aline', `/admin/inbox/${conversationId}/close`, {}, false);
    expect(close.statusCode).toBe(403);
  });

  it('sends Aline’s answer to Josué’s chat and waits for him', async () => {
    const response = await postMessage(
      'aline',
      `/admin/inbox/${conversationId}/reply`,
      'Essayez depuis la salle du hub, la connexion y est meilleure.',
    );
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/admin/inbox/${conversationId}?done=replied`);
    const [answer] = await outboxTo(trainers.josueId);
    expect(answer).toMatchObject({ purpose: 'help_answer', channel: 'simulator' });
    const payload = answer!.payload as { kind: string; text: string; choices: { id: string }[] };
    expect(payload.kind).toBe('choices');
    expect(payload.text).toContain('Aline');
    expect(payload.text).toContain('« Essayez depuis la salle du hub, la connexion y est meilleure. »');
    expect(payload.choices[0]!.id).toBe(`hd:answer:${conversationId}`);
    const conversation = await db.helpConversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(conversation).toMatchObject({ status: 'waiting', assigneeId: trainers.bukavuTrainerId, escalateAt: null });

    const page = await get('aline', `/admin/inbox/${conversationId}?done=replied`);
    expect(page.body).toContain('Réponse envoyée.');
    expect(page.body).toContain('Attend la réponse du participant');
    expect(page.body).toContain('Aline (équipe)');
    expect(await auditPage()).toContain('Aline a répondu à Josué depuis le tableau de bord');
  });

  it('sends a photo with an answer, kept as a dashboard file only those who see the conversation see', async () => {
    const before = (await outboxTo(trainers.josueId)).length;
    const response = await postMessage('aline', `/admin/inbox/${conversationId}/reply`, 'Voici la capture.', {
      name: 'capture.png',
      type: 'image/png',
      data: PNG,
    });
    expect(response.statusCode).toBe(303);
    const sent = (await outboxTo(trainers.josueId)).slice(before);
    expect(sent.map((m) => (m.payload as { kind: string }).kind)).toEqual(['media', 'choices']);
    const media = sent[0]!.payload as { media: string; mediaFileId: string };
    expect(media.media).toBe('photo');
    const file = await db.mediaFile.findUniqueOrThrow({ where: { id: media.mediaFileId } });
    expect(file).toMatchObject({ channel: null, personId: trainers.bukavuTrainerId, mimeType: 'image/png' });
    expect(file.platformFileId).toMatch(/^dashboard:[0-9a-f-]{36}$/);
    expect((await get('aline', `/admin/media/${file.id}`)).statusCode).toBe(200);
    expect((await get('claire', `/admin/media/${file.id}`)).statusCode).toBe(200);
    expect((await get('diallo', `/admin/media/${file.id}`)).statusCode).toBe(404);
    expect(await auditPage()).toContain('Aline a répondu à Josué depuis le tableau de bord (avec un fichier)');
  });

  it('refuses an empty answer, a file of the wrong type and one too large, with the words kept', async () => {
    const before = await db.helpMessage.count({ where: { conversationId } });
    const empty = await postMessage('aline', `/admin/inbox/${conversationId}/reply`, '   ');
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Écrivez un message ou joignez un fichier.');
    const fake = await postMessage('aline', `/admin/inbox/${conversationId}/reply`, 'Le programme', {
      name: 'programme.png',
      type: 'image/png',
      data: Buffer.from('<script>alert(1)</script>'),
    });
    expect(fake.statusCode).toBe(400);
    expect(fake.body).toContain('Ce type de fichier ne peut pas être envoyé');
    expect(fake.body).toContain('>Le programme</textarea>');
    app.deps.mediaMaxBytes = 1024;
    try {
      const large = await postMessage('aline', `/admin/inbox/${conversationId}/reply`, 'Le document', {
        name: 'long.pdf',
        type: 'application/pdf',
        data: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4096, 32)]),
      });
      expect(large.statusCode).toBe(400);
      expect(large.body).toContain('Le fichier est trop lourd');
    } finally {
      delete app.deps.mediaMaxBytes;
    }
    expect(await db.helpMessage.count({ where: { conversationId } })).toBe(before);
  });

  it('hands the conversation over to a responder of the person only, staff and trainers only', async () => {
    const page = await get('claire', `/admin/inbox/${conversationId}`);
    expect(page.body).toContain(`<option value="${trainers.bukavuTrainerId}" selected>Aline</option>`);
    expect(page.body).toContain(`<option value="${seed.staffId}">`);

    const toClaire = await postForm('claire', `/admin/inbox/${conversationId}/assign`, { assignee: seed.staffId });
    expect(toClaire.statusCode).toBe(303);
    expect(await db.helpConversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({
      assigneeId: seed.staffId,
      level: 'staff',
    });
    expect(await auditPage()).toContain('a confié la conversation de Josué à');

    // Mme Diallo does not mentor Josué: she cannot be given his conversation.
    const toDiallo = await postForm('claire', `/admin/inbox/${conversationId}/assign`, {
      assignee: seed.mentorIds[0],
    });
    expect(toDiallo.statusCode).toBe(400);
    expect(toDiallo.body).toContain('Cette personne ne répond pas à ce participant.');

    const back = await postForm('aline', `/admin/inbox/${conversationId}/assign`, {
      assignee: trainers.bukavuTrainerId,
    });
    expect(back.statusCode).toBe(303);
    expect(await db.helpConversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({
      assigneeId: trainers.bukavuTrainerId,
      level: 'trainer',
    });
    expect(await auditPage()).toContain('Aline a confié la conversation de Josué à Aline');
    // A mentor cannot see it, so cannot hand it over either.
    expect((await postForm('diallo', `/admin/inbox/${conversationId}/assign`, { assignee: '' })).statusCode).toBe(404);
  });

  it('closes and reopens, and a new message from the person reopens a closed one', async () => {
    const closed = await postForm('aline', `/admin/inbox/${conversationId}/close`, {});
    expect(closed.statusCode).toBe(303);
    expect(await db.helpConversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({
      status: 'closed',
    });
    const page = await get('aline', `/admin/inbox/${conversationId}?done=closed`);
    expect(page.body).toContain('Conversation fermée.');
    expect(page.body).toContain('Rouvrir la conversation');
    expect((await get('aline', '/admin/inbox?status=closed')).body).toContain('Josué');

    expect((await postForm('aline', `/admin/inbox/${conversationId}/reopen`, {})).statusCode).toBe(303);
    // The team wrote last: it waits for Josué again.
    expect(await db.helpConversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({
      status: 'waiting',
      closedAt: null,
    });
    const audit = await auditPage();
    expect(audit).toContain('Aline a fermé la conversation de Josué');
    expect(audit).toContain('Aline a rouvert la conversation de Josué');

    await postForm('aline', `/admin/inbox/${conversationId}/close`, {});
    const again = await askTheHelpDesk(db, trainers.josueId, {
      text: 'Merci, ça marche ! Et pour le quiz ?',
      at: new Date(SAMPLE_DAYTIME.getTime() + HOUR),
    });
    expect(again.conversationId).toBe(conversationId);
    expect(await db.helpConversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({
      status: 'open',
      closedAt: null,
    });
    const list = await get('aline', '/admin/inbox?status=open');
    expect(list.body).toContain('Merci, ça marche ! Et pour le quiz ?');
  });

  it('lets a mentor write first to a mentee from their page, and no one else', async () => {
    const boubacar = seed.participantIds[1]!;
    const profile = await get('diallo', `/admin/people/${boubacar}`);
    expect(profile.body).toContain(`<a class="write-link" href="/admin/inbox/write/${boubacar}">Écrire à Boubacar</a>`);
    const compose = await get('diallo', `/admin/inbox/write/${boubacar}`);
    expect(compose.statusCode).toBe(200);
    expect(compose.body).toContain('Votre message à Boubacar');

    const response = await postMessage(
      'diallo',
      `/admin/inbox/write/${boubacar}`,
      'Bonjour Boubacar, où en êtes-vous ?',
    );
    expect(response.statusCode).toBe(303);
    const started = await db.helpConversation.findFirstOrThrow({ where: { personId: boubacar } });
    expect(response.headers.location).toBe(`/admin/inbox/${started.id}?done=started`);
    expect(started).toMatchObject({ status: 'waiting', level: 'mentor', startedById: seed.mentorIds[0] });
    const [message] = await outboxTo(boubacar);
    expect((message!.payload as { text: string }).text).toContain('votre mentor Mme Diallo');
    expect(await auditPage()).toContain('Mme Diallo a écrit à Boubacar depuis le tableau de bord');

    // Josué is not her mentee; Aline cannot write to Boubacar (Ouagadougou).
    expect((await get('diallo', `/admin/inbox/write/${trainers.josueId}`)).statusCode).toBe(404);
    expect((await postMessage('aline', `/admin/inbox/write/${boubacar}`, 'Bonjour')).statusCode).toBe(404);
    expect(await db.outboundMessage.count({ where: { personId: boubacar } })).toBe(1);
  });
});
