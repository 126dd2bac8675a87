import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.ts';
import { seedCohort, signInAs, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';

/** What a person could type as their name or an answer, to run a script in a staff member's browser. */
const SCRIPT = '<script>alert(1)</script>';
const ATTRIBUTE_BREAK = '"><img src=x onerror=alert(1)>';
const SCRIPT_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';
const ATTRIBUTE_BREAK_ESCAPED = '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;';

type Session = { cookie: string; csrfToken: string };

describe('text people typed, shown in the dashboard', () => {
  let app: Awaited<ReturnType<typeof startAdminTestApp>>;
  let db: Database;
  let seed: SeededCohort;
  let staff: Session;
  let mallory: string;
  let submissionId: string;

  beforeAll(async () => {
    app = await startAdminTestApp();
    db = app.test.db;
    const now = new Date();
    seed = await seedCohort(db, now);
    // A participant whose name and text answer try to break out of the page, and a mentor whose name does.
    const exercise = await db.exercise.findUniqueOrThrow({
      where: { id: seed.exerciseIds[0]! },
      select: { id: true, questions: { where: { type: 'text' }, select: { id: true } } },
    });
    const person = await db.person.create({
      data: {
        displayName: `Mallory ${SCRIPT}${ATTRIBUTE_BREAK}`,
        roles: ['participant'],
        locale: 'fr',
        identities: { create: { channel: 'simulator', platformId: 'mallory' } },
      },
    });
    mallory = person.id;
    const enrolment = await db.enrolment.create({
      data: { personId: mallory, cohortId: seed.cohortId, role: 'participant' },
    });
    const submission = await db.submission.create({
      data: {
        exerciseId: exercise.id,
        enrolmentId: enrolment.id,
        status: 'submitted',
        releaseAt: now,
        releasedAt: now,
        deadlineAt: now,
        submittedAt: now,
      },
    });
    submissionId = submission.id;
    await db.answer.create({
      data: {
        submissionId,
        questionId: exercise.questions[0]!.id,
        value: { text: `Ma réponse ${SCRIPT} ${ATTRIBUTE_BREAK}` },
        answeredAt: now,
      },
    });
    const mentor = await db.person.create({
      data: { displayName: `Mentor ${SCRIPT}${ATTRIBUTE_BREAK}`, roles: ['mentor'], locale: 'fr' },
    });
    await db.enrolment.create({ data: { personId: mentor.id, cohortId: seed.cohortId, role: 'mentor' } });
    await db.mentorAssignment.create({ data: { cohortId: seed.cohortId, mentorId: mentor.id, menteeId: mallory } });
    // The mentor's sign-in puts their name in the audit log.
    const mentorSession = await signInAs(app.app, db, mentor.id);
    staff = await signInAs(app.app, db, seed.staffId);
    const graded = await app.app.inject({
      method: 'POST',
      url: `/admin/submissions/${submissionId}/grade`,
      headers: { cookie: mentorSession.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: mentorSession.csrfToken,
        score: '3',
        comment: `Commentaire ${SCRIPT} ${ATTRIBUTE_BREAK}`,
      }).toString(),
    });
    expect(graded.statusCode).toBe(303);
    // A grade's audit entry no longer copies its comment; one written by an earlier version did.
    await db.auditLog.create({
      data: {
        actorId: mentor.id,
        action: 'submission.grade',
        entity: 'Submission',
        entityId: submissionId,
        details: { score: 3, comment: `Commentaire ${SCRIPT} ${ATTRIBUTE_BREAK}` },
      },
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = (url: string) => app.app.inject({ method: 'GET', url, headers: { cookie: staff.cookie } });

  function expectEscaped(body: string, times: number): void {
    expect(body).not.toContain(SCRIPT);
    expect(body).not.toContain('<img src=x');
    expect(body).not.toContain('onerror=alert(1)>');
    expect(body.split(SCRIPT_ESCAPED).length - 1).toBeGreaterThanOrEqual(times);
    expect(body.split(ATTRIBUTE_BREAK_ESCAPED).length - 1).toBeGreaterThanOrEqual(times);
  }

  it('escapes the name, the answer and the grade comment on the participant page', async () => {
    const page = await get(`/admin/people/${mallory}`);
    expect(page.statusCode).toBe(200);
    expectEscaped(page.body, 3);
    expect(page.body).toContain(`<h1>Mallory ${SCRIPT_ESCAPED}${ATTRIBUTE_BREAK_ESCAPED}</h1>`);
    expect(page.body).toContain(`Ma réponse ${SCRIPT_ESCAPED} ${ATTRIBUTE_BREAK_ESCAPED}`);
    expect(page.body).toContain(`Mentor ${SCRIPT_ESCAPED}${ATTRIBUTE_BREAK_ESCAPED}`);
  });

  it('escapes them on the exercise page', async () => {
    const page = await get(`/admin/exercises/${seed.exerciseIds[0]}?cohort=${seed.cohortId}`);
    expect(page.statusCode).toBe(200);
    expectEscaped(page.body, 3);
    expect(page.body).toContain(`Ma réponse ${SCRIPT_ESCAPED} ${ATTRIBUTE_BREAK_ESCAPED}`);
    expect(page.body).toContain(`Commentaire ${SCRIPT_ESCAPED} ${ATTRIBUTE_BREAK_ESCAPED}`);
  });

  it('escapes the actor and the details on the audit page', async () => {
    const page = await get('/admin/audit');
    expect(page.statusCode).toBe(200);
    expectEscaped(page.body, 2);
    expect(page.body).toContain(`<td>Mentor ${SCRIPT_ESCAPED}${ATTRIBUTE_BREAK_ESCAPED} a noté l’exercice 1`);
  });
});
