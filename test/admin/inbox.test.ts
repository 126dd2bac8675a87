import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.ts';
import { seedCohort, signInAs, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { askTheHelpDesk } from '../support/help-desk-inbox.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

const HOUR = 3600_000;

/** The help-desk inbox: who sees which conversations, the filters, and the 404s for the others. */
describe('the help-desk inbox', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let db: Database;
  let seed: SeededCohort;
  let trainers: SeededTrainers;
  let josue: { conversationId: string; mediaFileId: string | null };
  let awa: { conversationId: string; mediaFileId: string | null };
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    app = await startAdminTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    db = app.test.db;
    seed = await seedCohort(db, SAMPLE_DAYTIME, { mediaDir: app.mediaDir });
    trainers = await seedTrainers(db, seed, SAMPLE_DAYTIME);
    josue = await askTheHelpDesk(db, trainers.josueId, {
      text: "je n'arrive pas à ouvrir la vidéo",
      at: new Date(SAMPLE_DAYTIME.getTime() - 3 * HOUR),
      photoIn: app.mediaDir,
    });
    awa = await askTheHelpDesk(db, seed.participantIds[0]!, {
      text: 'Je ne trouve pas le lien de la session de jeudi, pouvez-vous me le renvoyer ?',
      at: new Date(SAMPLE_DAYTIME.getTime() - HOUR),
    });
    for (const [who, id] of [
      ['claire', seed.staffId],
      ['diallo', seed.mentorIds[0]],
      ['rakoto', seed.mentorIds[1]],
      ['aline', trainers.bukavuTrainerId],
      ['kouadio', trainers.westTrainerId],
    ] as const)
      cookies[who] = (await signInAs(app.app, db, id, SAMPLE_DAYTIME)).cookie;
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = (who: string, url: string) => app.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });
  /** The names in the inbox's list, in its order. */
  const listed = (body: string) => [...body.matchAll(/<span class="person-name">([^<]+)<\/span>/g)].map((m) => m[1]);

  it('shows staff every conversation of the programme, waiting longest first, in words', async () => {
    const page = await get('claire', '/admin/inbox');
    expect(page.statusCode).toBe(200);
    expect(listed(page.body)).toEqual(['Josué', 'Awa']);
    expect(page.body).toContain('Attend une réponse de l&#39;équipe');
    expect(page.body).toContain('depuis 3 heures');
    expect(page.body).toContain('Qui répond : les formateurs de Bukavu');
    expect(page.body).toContain('Qui répond : Mme Diallo');
    expect(page.body).toContain('je n&#39;arrive pas à ouvrir la vidéo');
    // Only the first words of a long message.
    expect(page.body).toContain('Je ne trouve pas le lien de la session de jeudi, pouvez-vous…');
    // The navigation has the inbox for every role.
    for (const who of ['claire', 'diallo', 'aline'])
      expect((await get(who, '/admin')).body).toMatch(/<a href="\/admin\/inbox"[^>]*>Messages<\/a>/);
  });

  it('shows a mentor only their mentees’, a trainer only their hubs’, and 404 for the others', async () => {
    expect(listed((await get('diallo', '/admin/inbox')).body)).toEqual(['Awa']);
    expect(listed((await get('rakoto', '/admin/inbox')).body)).toEqual([]);
    expect(listed((await get('aline', '/admin/inbox')).body)).toEqual(['Josué']);
    // Awa lives in Abidjan, one of Kouadio's hubs.
    expect(listed((await get('kouadio', '/admin/inbox')).body)).toEqual(['Awa']);

    expect((await get('diallo', `/admin/inbox/${josue.conversationId}`)).statusCode).toBe(404);
    expect((await get('kouadio', `/admin/inbox/${josue.conversationId}`)).statusCode).toBe(404);
    expect((await get('aline', `/admin/inbox/${awa.conversationId}`)).statusCode).toBe(404);
    expect((await get('aline', '/admin/inbox/no-such-conversation')).statusCode).toBe(404);

    // The photo Josué sent: his trainer and staff see it, nobody else.
    expect((await get('aline', `/admin/media/${josue.mediaFileId}`)).statusCode).toBe(200);
    expect((await get('claire', `/admin/media/${josue.mediaFileId}`)).statusCode).toBe(200);
    expect((await get('diallo', `/admin/media/${josue.mediaFileId}`)).statusCode).toBe(404);
    expect((await get('kouadio', `/admin/media/${josue.mediaFileId}`)).statusCode).toBe(404);

    const page = await get('aline', `/admin/inbox/${josue.conversationId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Conversation avec Josué');
    expect(page.body).toContain(`<img src="/admin/media/${josue.mediaFileId}"`);
    // In Aline's zone (Bukavu, UTC+2): written at 07:00 UTC.
    expect(page.body).toContain('lundi 16 novembre 2026, 09:00');
  });

  it('filters by mine, unassigned, hub and status', async () => {
    // Josué's is shared by the Bukavu trainers: Aline's as much as anyone's.
    expect(listed((await get('aline', '/admin/inbox?filter=mine')).body)).toEqual(['Josué']);
    expect(listed((await get('diallo', '/admin/inbox?filter=mine')).body)).toEqual(['Awa']);
    expect(listed((await get('claire', '/admin/inbox?filter=mine')).body)).toEqual([]);
    expect(listed((await get('claire', '/admin/inbox?filter=unassigned')).body)).toEqual(['Josué']);
    expect(listed((await get('claire', `/admin/inbox?hub=${trainers.hubIds.abidjan}`)).body)).toEqual(['Awa']);
    expect(listed((await get('claire', '/admin/inbox?status=closed')).body)).toEqual([]);
    expect(listed((await get('claire', '/admin/inbox?status=open')).body)).toEqual(['Josué', 'Awa']);
    const page = await get('claire', '/admin/inbox?filter=unassigned');
    expect(page.body).toMatch(/<a href="\/admin\/inbox\?filter=unassigned" aria-current="page">Sans responsable<\/a>/);
  });
});
