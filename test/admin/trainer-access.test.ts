import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCohort, signInAs, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { seedTrainerSessions, type SeededTrainerSessions } from '../support/trainer-sessions.ts';
import { seedTrainers, type SeededTrainers } from '../support/trainers.ts';

type SignedIn = { cookie: string; csrfToken: string };

/** The cells of a CSV file (RFC 4180 quoting), byte order mark left out. */
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
    } else if (c === '"') quoted = !quoted;
    else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

/**
 * A local trainer on the dashboard: Aline runs Bukavu, Kouadio Abidjan and Ouagadougou. Each sees
 * the participants, sessions and figures of their own hubs on every page and in every export, and
 * nothing of the others (404), nor what is for staff only (403).
 */
describe('the dashboard of a local trainer', () => {
  const now = SAMPLE_DAYTIME;
  let t: Awaited<ReturnType<typeof startAdminTestApp>>;
  let seed: SeededCohort;
  let trainers: SeededTrainers;
  let sessions: SeededTrainerSessions;
  let aline: SignedIn;
  let kouadio: SignedIn;
  let staff: SignedIn;
  let ids: Record<'awa' | 'boubacar' | 'salma' | 'espoir' | 'rivo' | 'fatou' | 'josue', string>;
  /** Whom each trainer may see, and the names of those they may not. */
  let seen: { aline: string[]; kouadio: string[] };
  const NAMES = { aline: ['Espoir', 'Josué'], kouadio: ['Awa', 'Boubacar', 'Fatou'] };
  const HIDDEN = {
    aline: ['Awa', 'Boubacar', 'Salma', 'Rivo', 'Fatou'],
    kouadio: ['Salma', 'Espoir', 'Rivo', 'Josué'],
  };

  beforeAll(async () => {
    t = await startAdminTestApp({ now: () => now });
    seed = await seedCohort(t.test.db, now, { mediaDir: t.mediaDir });
    trainers = await seedTrainers(t.test.db, seed, now);
    sessions = await seedTrainerSessions(t.test.db, now, seed, trainers);
    const [awa, boubacar, salma, espoir, rivo, fatou] = seed.participantIds as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    ids = { awa, boubacar, salma, espoir, rivo, fatou, josue: trainers.josueId };
    seen = { aline: [espoir, trainers.josueId], kouadio: [awa, boubacar, fatou] };
    aline = await signInAs(t.app, t.test.db, trainers.bukavuTrainerId, now);
    kouadio = await signInAs(t.app, t.test.db, trainers.westTrainerId, now);
    staff = await signInAs(t.app, t.test.db, seed.staffId, now);
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, who: SignedIn) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  const post = (url: string, who: SignedIn, form: Record<string, string | string[]> = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(
        Object.entries({ ...form, _csrf: who.csrfToken }).flatMap(([key, value]) =>
          [value].flat().map((one): [string, string] => [key, one]),
        ),
      ).toString(),
    });
  /** The page is there, shows each of `names` and none of `hidden`. */
  const expectOnly = (body: string, names: string[], hidden: string[], url: string) => {
    for (const name of names) expect(body, `${url} shows ${name}`).toContain(name);
    for (const name of hidden) expect(body, `${url} hides ${name}`).not.toContain(name);
  };
  /** The first card of the overview: everyone enrolled (that the viewer sees). */
  const enrolledCount = (body: string) => Number(/<ul class="cards"[^>]*>\s*<li><b>(\d+)<\/b>/.exec(body)?.[1]);

  it('signs a trainer in with a navigation of their own: the overview, participants and sessions, nothing programme-wide', async () => {
    const home = await get('/admin', aline);
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('formatrice ou formateur local');
    const nav = /<nav[^>]*>([\s\S]*?)<\/nav>/.exec(home.body)![1]!;
    expect([...nav.matchAll(/href="([^"]+)"/g)].map((match) => match[1])).toEqual([
      '/admin',
      '/admin/participants',
      '/admin/sessions',
      '/admin/inbox',
    ]);
    // The cohort list counts their hubs' participants only.
    expect(home.body).toMatch(/Promotion 2027/);
    const row = /<tr><td><a href="\/admin\/cohorts\/[^"]+">[\s\S]*?<\/tr>/.exec(home.body)![0];
    expect([...row.matchAll(/<td class="n">(\d+)<\/td>/g)].map((match) => Number(match[1]))).toEqual([2, 1, 1, 0]);
    // Staff and mentors keep theirs.
    const staffNav = /<nav[^>]*>([\s\S]*?)<\/nav>/.exec((await get('/admin', staff)).body)![1]!;
    expect(staffNav).toContain('/admin/broadcasts');
    expect(staffNav).toContain('/admin/queues');
  });

  it('shows the cohort overview of their hubs only: counts, charts, hub attendance and who is slipping', async () => {
    const url = `/admin/cohorts/${seed.cohortId}`;
    const mine = await get(url, aline);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('Ces chiffres ne portent que sur les participants de vos hubs.');
    expect(enrolledCount(mine.body)).toBe(2);
    const attendance = /<table class="hub-attendance">([\s\S]*?)<\/table>/.exec(mine.body)![1]!;
    expect(attendance).toContain('Bukavu');
    for (const hub of ['Abidjan', 'Ouagadougou', 'Tunis', 'Antananarivo']) expect(mine.body).not.toContain(hub);
    // Espoir (hubs workshop, came) and Josué (hubs workshop) and Espoir online: 3 invitations, 1 attended.
    expect(attendance).toMatch(/Bukavu<\/td><td class="n">3<\/td><td class="n">1<\/td>/);
    expectOnly(mine.body, [], HIDDEN.aline, url);

    const west = await get(url, kouadio);
    expect(west.statusCode).toBe(200);
    expect(enrolledCount(west.body)).toBe(3);
    expect(west.body).toMatch(/Abidjan<\/td><td class="n">2<\/td><td class="n">1<\/td>/);
    expect(west.body).toMatch(/Ouagadougou<\/td><td class="n">1<\/td><td class="n">0<\/td>/);
    for (const hub of ['Bukavu', 'Tunis', 'Antananarivo']) expect(west.body).not.toContain(hub);
    expectOnly(west.body, [], HIDDEN.kouadio, url);

    // Staff still see the whole cohort.
    const whole = await get(url, staff);
    expect(enrolledCount(whole.body)).toBe(7);
    expect(whole.body).toContain('Tunis');
  });

  it('lists the participants of their hubs, and opens the page of each of them only', async () => {
    const list = await get('/admin/participants', aline);
    expect(list.statusCode).toBe(200);
    expectOnly(list.body, NAMES.aline, HIDDEN.aline, '/admin/participants');
    const westList = await get('/admin/participants', kouadio);
    expectOnly(westList.body, NAMES.kouadio, HIDDEN.kouadio, '/admin/participants');

    const espoir = await get(`/admin/people/${ids.espoir}`, aline);
    expect(espoir.statusCode).toBe(200);
    // Profile, scores, submissions, sessions and attendance.
    for (const part of ['Bukavu', 'Scores', 'Exercices', 'Atelier des hubs']) expect(espoir.body).toContain(part);
    expect((await get(`/admin/people/${ids.josue}`, aline)).statusCode).toBe(200);
    const awa = await get(`/admin/people/${ids.awa}`, kouadio);
    expect(awa.statusCode).toBe(200);
    expect(awa.body).toContain('Hubs workshop');

    for (const id of seen.kouadio.concat(ids.salma, ids.rivo))
      expect((await get(`/admin/people/${id}`, aline)).statusCode, id).toBe(404);
    for (const id of seen.aline.concat(ids.salma, ids.rivo))
      expect((await get(`/admin/people/${id}`, kouadio)).statusCode, id).toBe(404);
  });

  it("shows an exercise's answers of their people only, their media, and lets them grade no one else", async () => {
    const url = `/admin/exercises/${seed.exerciseIds[0]}?cohort=${seed.cohortId}`;
    const mine = await get(url, aline);
    expect(mine.statusCode).toBe(200);
    expectOnly(mine.body, ['Espoir'], HIDDEN.aline, url);
    const west = await get(url, kouadio);
    expectOnly(west.body, NAMES.kouadio, HIDDEN.kouadio, url);

    expect((await get(`/admin/media/${seed.photoMediaFileId}`, aline)).statusCode).toBe(404);
    expect((await get(`/admin/media/${seed.photoMediaFileId}`, kouadio)).statusCode).toBe(200);

    const awasWork = seed.submissions.find((s) => s.personId === ids.awa && s.status === 'submitted')!;
    const graded = await post(`/admin/submissions/${awasWork.id}/grade`, aline, { score: '3' });
    expect(graded.statusCode).toBe(404);
    expect(await t.test.db.rubricGrade.count({ where: { submissionId: awasWork.id } })).toBe(0);
  });

  it('lists only the sessions held in their hubs, with only those venues', async () => {
    const list = await get('/admin/sessions', aline);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Atelier des hubs');
    expect(list.body).not.toContain('Atelier de Tunis et Tana');
    expect(list.body).not.toContain('Sécurité des données');
    expect(list.body).not.toContain('/admin/sessions/new');
    for (const hub of ['Abidjan', 'Ouagadougou', 'Tunis', 'Antananarivo']) expect(list.body).not.toContain(hub);
    expect(list.body).toContain('Bukavu');

    // Kouadio reads English.
    const west = await get('/admin/sessions', kouadio);
    expect(west.body).toContain('Hubs workshop');
    expect(west.body).not.toContain('Tunis and Tana workshop');
    expect(west.body).not.toContain('Data security');
    for (const hub of ['Bukavu', 'Tunis', 'Antananarivo']) expect(west.body).not.toContain(hub);

    // Staff see every session still, and may create one.
    const whole = await get('/admin/sessions', staff);
    expect(whole.body).toContain('Atelier de Tunis et Tana');
    expect(whole.body).toContain('/admin/sessions/new');
  });

  it("shows a session's venues of their hubs only, and nothing of a session held elsewhere", async () => {
    const url = `/admin/sessions/${sessions.hubsWorkshopId}`;
    const mine = await get(url, aline);
    expect(mine.statusCode).toBe(200);
    expectOnly(mine.body, NAMES.aline, HIDDEN.aline, url);
    expect(mine.body).not.toContain(`/admin/sessions/${sessions.hubsWorkshopId}/edit`);
    expect([...mine.body.matchAll(/venues\/([^/]+)\/roll-call/g)].map((match) => match[1])).toEqual([
      sessions.hubsVenues.bukavu,
    ]);
    for (const hub of ['abidjan', 'ouagadougou', 'tunis']) expect(mine.body.toLowerCase()).not.toContain(hub);

    const west = await get(url, kouadio);
    expectOnly(west.body, NAMES.kouadio.slice(0, 2), HIDDEN.kouadio, url);
    expect(new Set([...west.body.matchAll(/venues\/([^/]+)\/roll-call/g)].map((match) => match[1]))).toEqual(
      new Set([sessions.hubsVenues.abidjan, sessions.hubsVenues.ouagadougou]),
    );

    for (const other of [sessions.southId, sessions.onlineId]) {
      expect((await get(`/admin/sessions/${other}`, aline)).statusCode).toBe(404);
      expect((await get(`/admin/sessions/${other}`, kouadio)).statusCode).toBe(404);
    }
  });

  it("takes the roll call of their hubs' venues, and of no other venue", async () => {
    const bukavu = `/admin/sessions/${sessions.hubsWorkshopId}/venues/${sessions.hubsVenues.bukavu}/roll-call`;
    const abidjan = `/admin/sessions/${sessions.hubsWorkshopId}/venues/${sessions.hubsVenues.abidjan}/roll-call`;
    const page = await get(bukavu, aline);
    expect(page.statusCode).toBe(200);
    expectOnly(page.body, NAMES.aline, HIDDEN.aline, bukavu);

    expect((await get(abidjan, aline)).statusCode).toBe(404);
    const refused = await post(abidjan, aline, { present: ids.awa });
    expect(refused.statusCode).toBe(404);
    const tunis = `/admin/sessions/${sessions.southId}/venues/${sessions.southVenues.tunis}/roll-call`;
    expect((await post(tunis, kouadio, { present: ids.salma })).statusCode).toBe(404);

    const saved = await post(bukavu, aline, { present: [ids.espoir, ids.josue] });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toContain('marked=1&unmarked=0');
    const josue = await t.test.db.sessionInvitation.findFirstOrThrow({
      where: { sessionId: sessions.hubsWorkshopId, personId: ids.josue },
    });
    expect(josue).toMatchObject({ attendedBy: 'roll_call', attendanceRecordedById: trainers.bukavuTrainerId });
    // Boubacar, in Abidjan's neighbour Ouagadougou, was never touched.
    const boubacar = await t.test.db.sessionInvitation.findFirstOrThrow({
      where: { sessionId: sessions.hubsWorkshopId, personId: ids.boubacar },
    });
    expect(boubacar.attendedAt).toBeNull();
    expect(
      await t.test.db.auditLog.count({
        where: { action: 'session.roll_call', actorId: trainers.bukavuTrainerId, entityId: sessions.hubsVenues.bukavu },
      }),
    ).toBe(1);
  });

  it('refuses what is for staff only: selection, broadcasts, session changes, mentors, audit log, queues', async () => {
    const session = sessions.hubsWorkshopId;
    const pages = [
      '/admin/selection',
      '/admin/applications',
      '/admin/applications.csv',
      '/admin/broadcasts',
      '/admin/broadcasts/new',
      '/admin/sessions/new',
      `/admin/sessions/${session}/edit`,
      `/admin/sessions/${session}/cancel`,
      '/admin/mentors',
      '/admin/audit',
      '/admin/schedule',
      '/admin/queues',
      `/admin/people/${ids.espoir}/export.json`,
    ];
    for (const who of [aline, kouadio])
      for (const url of pages) expect((await get(url, who)).statusCode, url).toBe(403);
    const forms = [
      '/admin/selection',
      '/admin/broadcasts/preview',
      '/admin/broadcasts',
      '/admin/sessions/new',
      `/admin/sessions/${session}/edit`,
      `/admin/sessions/${session}/announce`,
      `/admin/sessions/${session}/cancel`,
      '/admin/mentors/assign',
    ];
    for (const url of forms) expect((await post(url, aline)).statusCode, url).toBe(403);
    const workshop = await t.test.db.session.findUniqueOrThrow({ where: { id: session } });
    expect(workshop.status).toBe('scheduled');
  });

  it('exports the participants, submissions and scores of their hubs only, row by row', async () => {
    const cohort = seed.cohortId;
    for (const [who, name] of [
      [aline, 'aline'],
      [kouadio, 'kouadio'],
    ] as const) {
      for (const [kind, idColumn] of [
        ['participants', 0],
        ['submissions', 0],
        ['scores', 1],
      ] as const) {
        const csv = await get(`/admin/exports/${kind}.csv?cohort=${cohort}`, who);
        expect(csv.statusCode, `${name} ${kind}.csv`).toBe(200);
        const [, ...rows] = readCsv(csv.body);
        expect(rows.length, `${name} ${kind}.csv`).toBeGreaterThan(0);
        for (const row of rows) expect(seen[name], `${name} ${kind}.csv`).toContain(row[idColumn]);
        const xlsx = await get(`/admin/exports/${kind}.xlsx?cohort=${cohort}`, who);
        const [, ...cells] = await readSheet(xlsx.rawPayload);
        expect(cells.length).toBe(rows.length);
        for (const row of cells) expect(seen[name], `${name} ${kind}.xlsx`).toContain(String(row[idColumn]));
      }
      const participants = readCsv((await get(`/admin/exports/participants.csv?cohort=${cohort}`, who)).body).slice(1);
      expect(new Set(participants.map((row) => row[0]))).toEqual(new Set(seen[name]));
    }
  });

  it("exports the sessions' invitations to their hubs' venues only, row by row", async () => {
    const csv = await get('/admin/exports/sessions.csv', aline);
    expect(csv.statusCode).toBe(200);
    const [, ...rows] = readCsv(csv.body);
    expect(rows.map((row) => [row[0], row[4], row[8]])).toEqual([
      ['atelier-hubs', 'Bukavu', 'Espoir'],
      ['atelier-hubs', 'Bukavu', 'Josué'],
    ]);
    const xlsx = await get('/admin/exports/sessions.xlsx', kouadio);
    expect(xlsx.statusCode).toBe(200);
    const [, ...cells] = await readSheet(xlsx.rawPayload);
    expect(cells.map((row) => [row[0], row[4], row[8]])).toEqual([
      ['atelier-hubs', 'Abidjan', 'Awa'],
      ['atelier-hubs', 'Ouagadougou', 'Boubacar'],
    ]);
    expect(
      await t.test.db.auditLog.count({ where: { action: 'sessions.export', actorId: trainers.bukavuTrainerId } }),
    ).toBe(1);
  });

  it('follows the hubs a trainer runs now: a hub they no longer run is gone at once', async () => {
    await t.test.db.trainerHub.updateMany({
      where: { personId: trainers.westTrainerId, hubId: trainers.hubIds.ouagadougou },
      data: { endedAt: now },
    });
    try {
      const list = await get('/admin/participants', kouadio);
      expectOnly(list.body, ['Awa', 'Fatou'], ['Boubacar'], '/admin/participants');
      expect((await get(`/admin/people/${ids.boubacar}`, kouadio)).statusCode).toBe(404);
      const url = `/admin/sessions/${sessions.hubsWorkshopId}/venues/${sessions.hubsVenues.ouagadougou}/roll-call`;
      expect((await get(url, kouadio)).statusCode).toBe(404);
    } finally {
      await t.test.db.trainerHub.updateMany({
        where: { personId: trainers.westTrainerId, hubId: trainers.hubIds.ouagadougou },
        data: { endedAt: null },
      });
    }
  });
});
