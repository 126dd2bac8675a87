import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInviteCodes } from '../../src/store/invites/create-invite-codes.ts';
import type { Database } from '../../src/store/database.ts';
import { setCohortPaused } from '../../src/store/cohorts/set-cohort-paused.ts';
import {
  seedCohort,
  seedSecondProgramme,
  signInAs,
  startAdminTestApp,
  type SeededCohort,
  type SeededSecondProgramme,
} from '../support/admin-app.ts';

/**
 * Two programmes side by side: Claire is staff of the first, Bernard of the second; Awa is a
 * participant in both; Mme Diallo mentors Awa in the first cohort and Kofi in the second.
 * Nobody sees, through any route, what belongs to a cohort or mentee pair they are not given.
 */

type Session = { cookie: string; csrfToken: string };

let app: Awaited<ReturnType<typeof startAdminTestApp>>;
let db: Database;
let first: SeededCohort;
let second: SeededSecondProgramme;
let claire: Session;
let bernard: Session;
let diallo: Session;
let awa: string;

beforeAll(async () => {
  app = await startAdminTestApp();
  db = app.test.db;
  const now = new Date();
  first = await seedCohort(db, now, { mediaDir: app.mediaDir });
  second = await seedSecondProgramme(db, now, first, { mediaDir: app.mediaDir });
  awa = first.participantIds[0]!;
  claire = await signInAs(app.app, db, first.staffId);
  bernard = await signInAs(app.app, db, second.staffId);
  diallo = await signInAs(app.app, db, first.mentorIds[0]);
});

afterAll(async () => {
  await app?.close();
});

function get(url: string, session: Session) {
  return app.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
}

function grade(submissionId: string, session: Session, score: string, comment = '') {
  const body = new URLSearchParams({ _csrf: session.csrfToken, score, comment });
  return app.app.inject({
    method: 'POST',
    url: `/admin/submissions/${submissionId}/grade`,
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

function firstSubmissionOf(personId: string) {
  return first.submissions.find((s) => s.personId === personId && s.exerciseId === first.exerciseIds[0])!;
}

describe('a mentor with mentees in two cohorts', () => {
  it("sees Awa's enrolment in the cohort where they mentor her, not her enrolment in the other cohort", async () => {
    const page = await get(`/admin/people/${awa}`, diallo);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Awa : réponse à « motivation ».');
    expect(page.body).toContain('Promotion 2027');
    expect(page.body).not.toContain(second.awaAnswerText);
    expect(page.body).not.toContain('Promotion Sud');
    expect(page.body).not.toContain('Mme Okafor');
    expect(page.body).not.toContain('Note de Mme Okafor');
    // Kofi, mentored in the second cohort, is visible there.
    const kofi = await get(`/admin/people/${second.kofiId}`, diallo);
    expect(kofi.statusCode).toBe(200);
    expect(kofi.body).toContain('Promotion Sud');
    expect(kofi.body).not.toContain('Promotion 2027');
  });

  it('lists each mentee under the cohort they are mentored in only', async () => {
    const home = await get('/admin', diallo);
    expect(home.statusCode).toBe(200);
    expect(home.body.match(new RegExp(`href="/admin/people/${awa}"`, 'g'))).toHaveLength(1);
    expect(home.body).toContain(`href="/admin/people/${second.kofiId}"`);
  });

  it("shows the second cohort's exercise with Kofi's answers and not Awa's", async () => {
    const page = await get(`/admin/exercises/${second.exerciseId}?cohort=${second.cohortId}`, diallo);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Kofi : réponse au Programme Sud.');
    expect(page.body).not.toContain(second.awaAnswerText);
    expect(page.body).not.toContain(`id="submission-${second.awaSubmissionId}"`);
  });

  it("grades Kofi's work in the second cohort, but not Awa's there (404), and writes nothing", async () => {
    expect((await grade(second.kofiSubmissionId, diallo, '4')).statusCode).toBe(303);
    const refused = await grade(second.awaSubmissionId, diallo, '1', 'Pas mon mentoré ici.');
    expect(refused.statusCode).toBe(404);
    expect(await db.rubricGrade.count({ where: { submissionId: second.awaSubmissionId } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: 'submission.grade', entityId: second.awaSubmissionId } })).toBe(
      0,
    );
    // Her work in the first cohort, where Mme Diallo is her mentor, can be graded.
    expect((await grade(firstSubmissionOf(awa).id, diallo, '5')).statusCode).toBe(303);
  });

  it("exports the second cohort's CSV files with Kofi's rows and not Awa's", async () => {
    for (const file of ['participants', 'submissions', 'scores']) {
      const response = await get(`/admin/exports/${file}.csv?cohort=${second.cohortId}`, diallo);
      expect(response.statusCode, file).toBe(200);
      expect(response.body, file).toContain(second.kofiId);
      expect(response.body, file).not.toContain(awa);
    }
  });

  it('is refused the photo Awa answered with in the second cohort, and given the one from the first', async () => {
    expect((await get(`/admin/media/${second.awaPhotoMediaFileId}`, diallo)).statusCode).toBe(404);
    const photo = await get(`/admin/media/${first.photoMediaFileId}`, diallo);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['cache-control']).toBe('private, no-store');
  });
});

describe('staff of one programme and a participant of both', () => {
  it("shows Claire Awa's first-programme record only, and Bernard her second-programme record only", async () => {
    const mine = await get(`/admin/people/${awa}`, claire);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('Awa : réponse à « motivation ».');
    expect(mine.body).not.toContain(second.awaAnswerText);
    expect(mine.body).not.toContain('Promotion Sud');
    const theirs = await get(`/admin/people/${awa}`, bernard);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).toContain(second.awaAnswerText);
    expect(theirs.body).toContain('Mme Okafor');
    expect(theirs.body).not.toContain('Awa : réponse à « motivation ».');
    expect(theirs.body).not.toContain('Promotion 2027');
    // Kofi is in the second programme only.
    expect((await get(`/admin/people/${second.kofiId}`, claire)).statusCode).toBe(404);
  });

  it("exports only what of Awa is in the staff member's programme", async () => {
    const response = await get(`/admin/people/${awa}/export.json`, claire);
    expect(response.statusCode).toBe(200);
    const data = response.json();
    const text = JSON.stringify(data);
    // Person-level fields are hers whichever programme asks.
    expect(data.person).toMatchObject({ id: awa, displayName: 'Awa', locale: 'fr' });
    expect(data.channels).toHaveLength(1);
    expect(data.enrolments.map((e: { cohort: { name: { fr: string } } }) => e.cohort.name.fr)).toEqual([
      'Promotion 2027',
    ]);
    expect(text).toContain('Awa : réponse à « motivation ».');
    expect(text).not.toContain(second.awaAnswerText);
    expect(text).not.toContain('Promotion Sud');
    expect(text).not.toContain('Programme Sud');
    expect(data.consents.map((c: { textVersion: string }) => c.textVersion)).toEqual(['2027-01']);
    expect(data.mentors.map((m: { mentor: { displayName: string } }) => m.mentor.displayName)).toEqual(['Mme Diallo']);
    expect(data.checkIns).toHaveLength(1);
    expect(text).not.toContain('Note de Mme Okafor');
    const mediaIds = data.mediaFiles.map((file: { id: string }) => file.id);
    expect(mediaIds).toContain(first.photoMediaFileId);
    expect(mediaIds).not.toContain(second.awaPhotoMediaFileId);
    expect(mediaIds).not.toContain(second.awaLooseMediaFileId);
    // Messages cannot be told apart by programme: left out of a partial export.
    expect(data.complete).toBe(false);
    expect(data.messagesReceived).toBeNull();
    expect(data.messagesSent).toBeNull();

    const theirs = (await get(`/admin/people/${awa}/export.json`, bernard)).json();
    expect(theirs.enrolments.map((e: { cohort: { name: { fr: string } } }) => e.cohort.name.fr)).toEqual([
      'Promotion Sud',
    ]);
    expect(JSON.stringify(theirs)).toContain(second.awaAnswerText);
    expect(JSON.stringify(theirs)).not.toContain('Awa : réponse à « motivation ».');
    expect(theirs.consents.map((c: { textVersion: string }) => c.textVersion)).toEqual(['sud-2027']);
    // Her hub is the first programme's: named to its staff only.
    expect(data.person.hub).toMatchObject({ key: 'abidjan' });
    expect(theirs.person.hub).toBeNull();

    // Kofi is enrolled in one programme only: his export is whole, messages included.
    const kofi = (await get(`/admin/people/${second.kofiId}/export.json`, bernard)).json();
    expect(kofi.complete).toBe(true);
    expect(kofi.messagesReceived).toEqual([]);
    expect((await get(`/admin/people/${second.kofiId}/export.json`, claire)).statusCode).toBe(404);
  });

  it("serves a file only as an answer in the viewer's programme, never cached", async () => {
    expect((await get(`/admin/media/${second.awaPhotoMediaFileId}`, claire)).statusCode).toBe(404);
    const theirs = await get(`/admin/media/${second.awaPhotoMediaFileId}`, bernard);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.headers['content-type']).toBe('image/png');
    expect(theirs.headers['cache-control']).toBe('private, no-store');
    expect((await get(`/admin/media/${first.photoMediaFileId}`, bernard)).statusCode).toBe(404);
    // A file that answers nothing is served to nobody, though its owner is visible to both.
    expect((await get(`/admin/media/${second.awaLooseMediaFileId}`, claire)).statusCode).toBe(404);
    expect((await get(`/admin/media/${second.awaLooseMediaFileId}`, bernard)).statusCode).toBe(404);
  });

  it("refuses a grade on the other programme's submission of the same participant", async () => {
    expect((await grade(second.awaSubmissionId, claire, '3')).statusCode).toBe(404);
    expect((await grade(firstSubmissionOf(awa).id, bernard, '3')).statusCode).toBe(404);
    expect((await grade(second.awaSubmissionId, bernard, '3')).statusCode).toBe(303);
    const graders = await db.rubricGrade.findMany({
      where: { submissionId: second.awaSubmissionId },
      select: { graderId: true },
    });
    expect(graders).toEqual([{ graderId: second.staffId }]);
  });
});

describe('audit log', () => {
  it("shows staff the entries of their own programme only, the system's included", async () => {
    // Actor-less entries of both programmes: invite codes from the command line, a paused cohort.
    await createInviteCodes(db, { cohortId: first.cohortId, role: 'participant', count: 1 });
    await createInviteCodes(db, { cohortId: second.cohortId, role: 'participant', count: 1 });
    await setCohortPaused(db, second.cohortId, true, new Date());
    await setCohortPaused(db, second.cohortId, false, new Date());
    // Bernard exports Awa, who is in Claire's programme too: that is his programme's business.
    expect((await get(`/admin/people/${awa}/export.json`, bernard)).statusCode).toBe(200);

    const mine = await get('/admin/audit', claire);
    expect(mine.statusCode).toBe(200);
    const claireRows = rowsOf(mine.body);
    expect(claireRows).toContainEqual(expect.stringContaining(`programme.import`));
    expect(mine.body).toContain(first.programmeId);
    expect(mine.body).not.toContain(second.programmeId);
    expect(mine.body).toContain(first.cohortId);
    expect(mine.body).not.toContain(second.cohortId);
    expect(mine.body).not.toContain('cohort.pause');
    expect(mine.body).not.toContain(second.awaSubmissionId);
    expect(mine.body).not.toContain(second.kofiSubmissionId);
    expect(mine.body).not.toContain('Bernard');
    // Her own sign-in and export, and Mme Diallo's grade of Awa's first-programme work, are there.
    expect(mine.body).toContain(firstSubmissionOf(awa).id);
    expect(claireRows.filter((row) => row.includes('person.export'))).toEqual([expect.stringContaining('Claire')]);
    expect(claireRows.some((row) => row.includes('dashboard.sign_in') && row.includes('Claire'))).toBe(true);

    const theirs = await get('/admin/audit', bernard);
    const bernardRows = rowsOf(theirs.body);
    expect(theirs.body).toContain(second.programmeId);
    expect(theirs.body).not.toContain(first.programmeId);
    expect(theirs.body).toContain('cohort.pause');
    expect(theirs.body).toContain(second.awaSubmissionId);
    expect(theirs.body).not.toContain(firstSubmissionOf(awa).id);
    const bernardExports = bernardRows.filter((row) => row.includes('person.export'));
    expect(bernardExports.length).toBeGreaterThan(0);
    expect(bernardExports.every((row) => row.includes('Bernard'))).toBe(true);
    expect(bernardRows.some((row) => row.includes('Claire'))).toBe(false);
  });

  it('is not shown to mentors', async () => {
    expect((await get('/admin/audit', diallo)).statusCode).toBe(403);
  });
});

/** The rows of the audit table, as HTML. */
function rowsOf(body: string): string[] {
  return [...body.matchAll(/<tr[^>]*><td><time[\s\S]*?<\/tr>/g)].map((match) => match[0]);
}
