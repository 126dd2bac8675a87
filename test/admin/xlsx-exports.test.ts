import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_DAYTIME, clockFrom } from '../support/clock.ts';
import { signInAs, seedCohort, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';
import type { TestApp } from '../support/test-app.ts';

/** Enrolled at 08:30 UTC on 11 January 2027: 09:30 in Paris, the sample programme's zone. */
const ENROLLED_AT = new Date('2027-01-11T08:30:00Z');

/** Spreadsheet programs in French read a CSV's commas as text: each export also comes as a workbook. */
describe('exports as .xlsx workbooks', () => {
  let app: TestApp & { baseUrl: string };
  let seed: SeededCohort;
  let staff: { cookie: string };
  let mentor: { cookie: string };
  let chloe: string;

  const get = (session: { cookie: string }, url: string) =>
    app.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });

  beforeAll(async () => {
    app = await startAdminTestApp({ now: clockFrom(SAMPLE_DAYTIME) });
    const db = app.test.db;
    seed = await seedCohort(db, SAMPLE_DAYTIME, { mediaDir: app.mediaDir });
    const hub = await db.hub.findFirstOrThrow({ where: { key: 'abidjan' }, select: { id: true } });
    const person = await db.person.create({
      data: {
        displayName: '=HYPERLINK("http://evil","Chloé")',
        roles: ['participant'],
        locale: 'fr',
        hubId: hub.id,
        enrolments: {
          create: {
            cohortId: seed.cohortId,
            role: 'participant',
            createdAt: ENROLLED_AT,
            statusChangedAt: ENROLLED_AT,
          },
        },
      },
    });
    chloe = person.id;
    staff = await signInAs(app.app, db, seed.staffId);
    mentor = await signInAs(app.app, db, seed.mentorIds[0]);
  });

  afterAll(async () => {
    await app.close();
  });

  it('gives participants as a workbook with local dates as date cells and text as text', async () => {
    const response = await get(staff, `/admin/exports/participants.xlsx?cohort=${seed.cohortId}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="participants-promo-2027-\d{4}-\d{2}-\d{2}\.xlsx"$/,
    );
    const [header, ...rows] = await readSheet(response.rawPayload);
    expect(header).toEqual([
      'id_personne',
      'nom',
      'statut',
      'hub',
      'pays',
      'fuseau_horaire',
      'langue',
      'canaux',
      'mentor',
      'inscrit_le (Europe/Paris)',
      'statut_depuis (Europe/Paris)',
    ]);
    const row = rows.find((cells) => cells[0] === chloe);
    expect(row?.slice(1, 6)).toEqual(['=HYPERLINK("http://evil","Chloé")', 'actif', 'Abidjan', 'CI', 'Africa/Abidjan']);
    // A real date, showing 09:30 on 11 January 2027 as a Paris reader expects.
    expect(row?.[9]).toBeInstanceOf(Date);
    // (A spreadsheet stores it as a fraction of days: read back to the nearest second.)
    const enrolled = Math.round((row?.[9] as unknown as Date).getTime() / 1000) * 1000;
    expect(new Date(enrolled).toISOString()).toBe('2027-01-11T09:30:00.000Z');
    expect(await app.test.db.auditLog.count({ where: { action: 'export.xlsx', actorId: seed.staffId } })).toBe(1);
  });

  it('gives submissions and scores as workbooks, and a mentor only their mentees', async () => {
    const submissions = await readSheet(
      (await get(staff, `/admin/exports/submissions.xlsx?cohort=${seed.cohortId}`)).rawPayload,
    );
    expect(submissions[0]?.[0]).toBe('id_personne');
    expect(submissions.flat().some((cell) => typeof cell === 'string' && cell.startsWith('image/png ('))).toBe(true);
    const scores = await readSheet((await get(staff, `/admin/exports/scores.xlsx?cohort=${seed.cohortId}`)).rawPayload);
    expect(scores[0]?.slice(0, 5)).toEqual(['rang', 'id_personne', 'nom', 'statut', 'total']);
    expect(scores[1]?.[0]).toBe(1);
    expect(typeof scores[1]?.[4]).toBe('number');

    const mentees = seed.menteesOf[seed.mentorIds[0]]!;
    const mine = await readSheet(
      (await get(mentor, `/admin/exports/participants.xlsx?cohort=${seed.cohortId}`)).rawPayload,
    );
    const ids = mine.slice(1).map((cells) => cells[0]);
    expect(ids.sort()).toEqual([...mentees].sort());
  });
});
