import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  seedCohort,
  seedSecondProgramme,
  signInAs,
  startAdminTestApp,
  type SeededCohort,
  type SeededSecondProgramme,
} from '../support/admin-app.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { seedSessions } from '../support/seed-sessions.ts';

/** The sessions `seedSessions` made in the first programme (the sample file may hold others). */
const OUR_SESSIONS = ['atelier-test', 'securite-test', 'cloture-test'];

/** The cells of a CSV file as spreadsheet tools read them (RFC 4180 quoting), byte order mark left out. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = text.startsWith('\uFEFF') ? 1 : 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

/** sessions.csv (and .xlsx): one row per person and session, for staff, of their programme only, audited. */
describe('sessions.csv', () => {
  const now = SAMPLE_DAYTIME;
  let t: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;
  let second: SeededSecondProgramme;
  let staff: { cookie: string };
  let bernard: { cookie: string };

  beforeAll(async () => {
    t = await startAdminTestApp({ now: () => now });
    seed = await seedCohort(t.test.db, now);
    second = await seedSecondProgramme(t.test.db, now, seed);
    await seedSessions(t.test.db, now, seed, second);
    staff = await signInAs(t.app, t.test.db, seed.staffId, now);
    bernard = await signInAs(t.app, t.test.db, second.staffId, now);
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  it('writes one row per person and session: venue, local start, answer, waiting list, attendance, feedback', async () => {
    const response = await get('/admin/exports/sessions.csv', staff.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="sessions-2026-11-16.csv"');
    const [header, ...rows] = readCsv(response.body);
    expect(header).toEqual([
      'session',
      'titre',
      'type',
      'statut',
      'lieu',
      'début (heure locale)',
      'fuseau horaire',
      'id personne',
      'personne',
      'hub',
      'réponse',
      "liste d'attente",
      'présent',
      'présence relevée par',
      'note (1 à 5)',
      'commentaire',
    ]);
    const row = (session: string, person: string) => {
      const found = rows.find((cells) => cells[0] === session && cells[8] === person);
      if (!found) throw new Error(`no row for ${person} in ${session}`);
      return found;
    };
    const [awa, boubacar] = seed.participantIds as [string, string];
    expect(row('securite-test', 'Awa')).toEqual([
      'securite-test',
      'Sécurité des données',
      'En ligne',
      'prévue',
      'en ligne',
      '2026-11-02 14:00',
      'Europe/Paris',
      awa,
      'Awa',
      'Abidjan',
      'oui',
      'non',
      'oui',
      'code',
      '5',
      'Très utile, merci !',
    ]);
    expect(row('securite-test', 'Boubacar').slice(7, 15)).toEqual([
      boubacar,
      'Boubacar',
      'Ouagadougou',
      'oui',
      'non',
      'oui',
      'appel',
      '4',
    ]);
    // The Tunis workshop at 09:00 in Tunis, the waiting mentor, the cancelled session.
    expect(row('atelier-test', 'Salma').slice(4, 7)).toEqual(['Tunis', '2027-03-09 09:00', 'Africa/Tunis']);
    expect(row('atelier-test', 'Salma')[10]).toBe('');
    expect(row('atelier-test', 'Mme Diallo').slice(10, 13)).toEqual(['oui', 'oui', 'non']);
    expect(row('cloture-test', 'Awa')[3]).toBe('annulée');
    // 5 + 5 + 1 invitations to these sessions; nobody of the second programme.
    expect(rows.filter((cells) => OUR_SESSIONS.includes(cells[0]!))).toHaveLength(11);
    expect(rows.some((cells) => cells[8] === 'Kofi' || cells[0] === 'atelier-sud')).toBe(false);

    const audit = await t.test.db.auditLog.findFirstOrThrow({
      where: { action: 'sessions.export', actorId: seed.staffId },
    });
    expect(audit).toMatchObject({ entity: 'Programme', entityId: seed.programmeId });
    expect(audit.details).toMatchObject({ file: 'sessions.csv', rows: rows.length });
  });

  it('is linked from the Sessions page and comes as a workbook too', async () => {
    expect((await get('/admin/sessions', staff.cookie)).body).toContain('href="/admin/exports/sessions.xlsx"');
    const response = await get('/admin/exports/sessions.xlsx', staff.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const [header, ...rows] = await readSheet(response.rawPayload);
    expect(header?.[0]).toBe('session');
    expect(rows.filter((cells) => OUR_SESSIONS.includes(String(cells[0])))).toHaveLength(11);
    // The local start is a date cell holding the hour shown in the room (09:00 in Tunis), its zone next to it.
    const salma = rows.find((cells) => cells[0] === 'atelier-test' && cells[8] === 'Salma');
    expect(salma?.slice(5, 7)).toEqual([new Date('2027-03-09T09:00:00Z'), 'Africa/Tunis']);
  });

  it('gives another programme’s staff their own rows only, and 404 for a programme not theirs', async () => {
    const [, ...rows] = readCsv((await get('/admin/exports/sessions.csv', bernard.cookie)).body);
    expect(rows.filter((cells) => cells[0] === 'atelier-sud').map((cells) => cells[8])).toEqual(['Kofi']);
    expect(rows.some((cells) => OUR_SESSIONS.includes(cells[0]!))).toBe(false);
    expect((await get(`/admin/exports/sessions.csv?programme=${second.programmeId}`, staff.cookie)).statusCode).toBe(
      404,
    );
    expect((await get(`/admin/exports/sessions.csv?programme=${seed.programmeId}`, staff.cookie)).statusCode).toBe(200);
  });
});
