import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLocalDateTime } from '../../src/domain/format-local-date-time.ts';
import type { Database } from '../../src/store/database.ts';
import { seedCohort, signInAs, startAdminTestApp, type SeededCohort } from '../support/admin-app.ts';

/** A fixed "now" for the dashboard, so the local times it shows can be checked to the minute. */
const NOW = new Date(Math.floor(Date.now() / 60_000) * 60_000);

type Session = { cookie: string; csrfToken: string };

let app: Awaited<ReturnType<typeof startAdminTestApp>>;
let db: Database;
let seed: SeededCohort;
let staff: Session;
let diallo: Session;
let rakoto: Session;
let awa: string, boubacar: string, salma: string, espoir: string, rivo: string, fatou: string;

beforeAll(async () => {
  app = await startAdminTestApp({ now: () => NOW });
  db = app.test.db;
  seed = await seedCohort(db, NOW, { mediaDir: app.mediaDir });
  [awa, boubacar, salma, espoir, rivo, fatou] = seed.participantIds as [string, string, string, string, string, string];
  staff = await signInAs(app.app, db, seed.staffId);
  diallo = await signInAs(app.app, db, seed.mentorIds[0]);
  rakoto = await signInAs(app.app, db, seed.mentorIds[1]);
});

afterAll(async () => {
  await app?.close();
});

function get(url: string, session: Session) {
  return app.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
}

function post(url: string, session: Session, form: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  body.set('_csrf', session.csrfToken);
  for (const [key, value] of Object.entries(form)) for (const one of [value].flat()) body.append(key, one);
  return app.app.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

function submissionOf(personId: string, exerciseIndex: number) {
  return seed.submissions.find((s) => s.personId === personId && s.exerciseId === seed.exerciseIds[exerciseIndex])!;
}

describe('participant page', () => {
  it('shows a staff member the profile, channel, hub and local time of the participant', async () => {
    const page = await get(`/admin/people/${awa}`, staff);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<h1>Awa</h1>');
    expect(page.body).toContain('Abidjan');
    expect(page.body).toContain('Simulateur');
    expect(page.body).toContain('joignable');
    expect(page.body).toContain(formatLocalDateTime(NOW, 'Africa/Abidjan', 'fr'));
    expect(page.body).toContain('Mme Diallo');
    expect(page.body).toContain('actif');

    // Antananarivo is three hours ahead of Abidjan: Rivo's page says so.
    const rivoPage = await get(`/admin/people/${rivo}`, staff);
    expect(rivoPage.body).toContain(formatLocalDateTime(NOW, 'Indian/Antananarivo', 'fr'));
    expect(rivoPage.body).toContain('Indian/Antananarivo');
    expect(rivoPage.body).toContain('arrêté (STOP)');
  });

  it('shows every submission with its answers: choices by label, scales, photo, voice, video, document', async () => {
    const page = await get(`/admin/people/${awa}`, staff);
    expect(page.body).toContain('Votre projet et votre motivation');
    expect(page.body).toContain('Awa : réponse à « motivation ».');
    expect(page.body).toContain('<li>Une idée</li>');
    expect(page.body).not.toContain('<li>idee</li>');
    expect(page.body).toMatch(/<strong>5<\/strong> \/ 5/);
    expect(page.body).toContain(`<img class="answer-photo" src="/admin/media/${seed.photoMediaFileId}"`);
    expect(page.body).toMatch(/<audio controls[^>]* src="\/admin\/media\/[^"]+"/);
    expect(page.body).toMatch(/<video controls[^>]* src="\/admin\/media\/[^"]+"/);
    expect(page.body).toMatch(/<a href="\/admin\/media\/[^"]+\?download=1" download>Télécharger/);
    // Statuses: Boubacar has exercises on time, late and missed.
    const boubacarPage = await get(`/admin/people/${boubacar}`, staff);
    for (const status of ['à temps', 'en retard', 'manqué', 'ouvert'])
      expect(boubacarPage.body).toContain(`>${status}</span>`);
  });

  it('shows check-ins, the action plan, the scores with their reasons and a timeline', async () => {
    const page = await get(`/admin/people/${awa}`, staff);
    expect(page.body).toContain('sur la bonne voie');
    expect(page.body).toContain('Plan d&#39;action d&#39;Awa');
    expect(page.body).toContain('Point à mi-parcours');
    expect(page.body).toContain('Budget en cours');
    expect(page.body).toContain('<th>Rang</th>');
    expect(page.body).not.toMatch(/scores:[a-z]/);
    // The timeline is drawn for a laptop and for a phone: the laptop's drawing is counted.
    const wideTimeline = (body: string) => /<svg class="timeline timeline-wide"[\s\S]*?<\/svg>/.exec(body)![0];
    expect(page.body).toContain('<svg class="timeline timeline-narrow"');
    expect(wideTimeline(page.body).match(/<g class="timeline-on_time">/g)).toHaveLength(5);
    expect(wideTimeline(page.body).match(/<g class="timeline-check_in">/g)).toHaveLength(1);
    const salmaPage = await get(`/admin/people/${salma}`, staff);
    expect(wideTimeline(salmaPage.body).match(/<g class="timeline-missed">/g)).toHaveLength(2);
    expect(salmaPage.body).toContain('a besoin d&#39;attention');
  });

  it('gives no rank to someone with no score at all: the rank is missing too', async () => {
    const newcomer = await db.person.create({
      data: {
        displayName: 'Nouvelle venue',
        roles: ['participant'],
        enrolments: { create: { cohortId: seed.cohortId, role: 'participant', joinedAt: NOW } },
      },
    });
    const page = await get(`/admin/people/${newcomer.id}`, staff);
    expect(page.statusCode).toBe(200);
    const scores = /<table class="scores">[\s\S]*?<\/table>/.exec(page.body)![0];
    expect(scores).toContain('<td class="n missing">manquant</td><td class="n missing">manquant</td>');
    expect(scores).not.toMatch(/<td>\d+<\/td>/);
    await db.person.delete({ where: { id: newcomer.id } });
  });

  it('lets a mentor open only their own mentees', async () => {
    expect((await get(`/admin/people/${awa}`, diallo)).statusCode).toBe(200);
    expect((await get(`/admin/people/${awa}`, rakoto)).statusCode).toBe(404);
    expect((await get(`/admin/people/${fatou}`, rakoto)).statusCode).toBe(200);
    expect((await get('/admin/people/no-such-person', staff)).statusCode).toBe(404);
  });
});

describe('media', () => {
  it('serves a photo with its type to those who may see its owner, and 404 to another mentor', async () => {
    const photo = await get(`/admin/media/${seed.photoMediaFileId}`, staff);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect((await get(`/admin/media/${seed.photoMediaFileId}`, diallo)).statusCode).toBe(200);
    const refused = await get(`/admin/media/${seed.photoMediaFileId}`, rakoto);
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['content-type']).not.toBe('image/png');
  });

  it('serves voice notes and videos to play and documents to download', async () => {
    const files = await db.mediaFile.findMany({ where: { id: { in: seed.mediaFileIds } } });
    const byType = Object.fromEntries(files.map((file) => [file.mimeType, file.id]));
    const voice = await get(`/admin/media/${byType['audio/ogg']}`, staff);
    expect(voice.headers['content-type']).toBe('audio/ogg');
    expect(voice.headers['content-disposition']).toMatch(/^inline/);
    const video = await get(`/admin/media/${byType['video/mp4']}`, staff);
    expect(video.headers['content-type']).toBe('video/mp4');
    const document = await get(`/admin/media/${byType['application/pdf']}`, staff);
    expect(document.headers['content-type']).toBe('application/pdf');
    expect(document.headers['content-disposition']).toMatch(/^attachment/);
    expect(document.body.startsWith('%PDF')).toBe(true);
  });
});

describe('exercise page and grading', () => {
  it('puts every visible participant’s answers side by side, question by question', async () => {
    const page = await get(`/admin/exercises/${seed.exerciseIds[0]}?cohort=${seed.cohortId}`, staff);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Où en est votre projet ?');
    for (const name of ['Awa', 'Boubacar', 'Salma', 'Espoir', 'Rivo', 'Fatou'])
      expect(page.body).toContain(`${name} : réponse à « motivation ».`);
    const mentorPage = await get(`/admin/exercises/${seed.exerciseIds[0]}?cohort=${seed.cohortId}`, diallo);
    expect(mentorPage.body).toContain('Awa : réponse à « motivation ».');
    expect(mentorPage.body).not.toContain('Fatou : réponse à « motivation ».');
  });

  it('stores a mentor’s grade of a mentee’s submission, audited, and shows it', async () => {
    const submission = submissionOf(awa, 0);
    const graded = await post(`/admin/submissions/${submission.id}/grade`, diallo, {
      score: '4',
      comment: 'Très clair, bravo.',
    });
    expect(graded.statusCode).toBe(303);
    expect(graded.headers.location).toBe(
      `/admin/exercises/${seed.exerciseIds[0]}?cohort=${seed.cohortId}#submission-${submission.id}`,
    );
    const grade = await db.rubricGrade.findUniqueOrThrow({
      where: { submissionId_graderId: { submissionId: submission.id, graderId: seed.mentorIds[0] } },
    });
    expect(grade).toMatchObject({ score: 4, comment: 'Très clair, bravo.' });
    const audit = await db.auditLog.findMany({ where: { action: 'submission.grade', entityId: submission.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(seed.mentorIds[0]);
    // The audit log keeps no free text: the comment stays with the grade only.
    expect(audit[0]!.details).toEqual({ gradeId: grade.id, score: 4, commented: true });

    // Grading again replaces the grader's own grade.
    await post(`/admin/submissions/${submission.id}/grade`, diallo, { score: '5', comment: '' });
    expect(await db.rubricGrade.count({ where: { submissionId: submission.id } })).toBe(1);
    const page = await get(`/admin/exercises/${seed.exerciseIds[0]}?cohort=${seed.cohortId}`, staff);
    expect(page.body).toContain('5/5 par Mme Diallo');
  });

  it('refuses grades out of the scale, on other mentors’ mentees, and without the form token', async () => {
    const submission = submissionOf(awa, 1);
    expect((await post(`/admin/submissions/${submission.id}/grade`, staff, { score: '6' })).statusCode).toBe(400);
    expect((await post(`/admin/submissions/${submission.id}/grade`, staff, { score: 'bien' })).statusCode).toBe(400);
    expect((await post(`/admin/submissions/${submission.id}/grade`, rakoto, { score: '3' })).statusCode).toBe(404);
    const noToken = await app.app.inject({
      method: 'POST',
      url: `/admin/submissions/${submission.id}/grade`,
      headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'score=3',
    });
    expect(noToken.statusCode).toBe(403);
    const missed = submissionOf(salma, 3);
    expect((await post(`/admin/submissions/${missed.id}/grade`, staff, { score: '3' })).statusCode).toBe(400);
    expect(await db.rubricGrade.count({ where: { submissionId: { in: [submission.id, missed.id] } } })).toBe(0);
  });
});

describe('grading forms', () => {
  it('start on an empty “choose a grade” option, and a submit without a grade records nothing and says so', async () => {
    const exercisePage = await get(`/admin/exercises/${seed.exerciseIds[2]}?cohort=${seed.cohortId}`, staff);
    expect(exercisePage.body).toContain(
      '<select name="score" required><option value="" selected>Choisir une note</option>',
    );
    expect(exercisePage.body).not.toMatch(/<option value="1" selected>/);

    const submission = submissionOf(boubacar, 2);
    for (const form of [{ score: '', comment: 'Bien.' }, { comment: 'Bien.' }] as Record<string, string>[]) {
      const refused = await post(`/admin/submissions/${submission.id}/grade`, staff, form);
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('Aucune note choisie : rien n’a été enregistré.');
    }
    expect(await db.rubricGrade.count({ where: { submissionId: submission.id } })).toBe(0);
  });

  it('sit on the participant’s page right under the answers of each exercise handed in, and come back to it', async () => {
    const page = await get(`/admin/people/${boubacar}`, staff);
    const submission = submissionOf(boubacar, 2);
    const card = page.body.slice(page.body.indexOf(`id="submission-${submission.id}"`));
    const form = card.indexOf(`action="/admin/submissions/${submission.id}/grade"`);
    expect(form).toBeGreaterThan(card.indexOf('</dl>'));
    expect(form).toBeLessThan(card.indexOf('</article>'));
    expect(card.slice(form)).toContain('<option value="" selected>Choisir une note</option>');

    const graded = await post(`/admin/submissions/${submission.id}/grade`, staff, {
      score: '3',
      back: `/admin/people/${boubacar}`,
    });
    expect(graded.statusCode).toBe(303);
    expect(graded.headers.location).toBe(`/admin/people/${boubacar}#submission-${submission.id}`);
    expect(await db.rubricGrade.count({ where: { submissionId: submission.id } })).toBe(1);
    // Only a participant's page is a way back: anything else goes to the exercise page.
    const elsewhere = await post(`/admin/submissions/${submission.id}/grade`, staff, {
      score: '3',
      back: 'https://example.org/admin/people/x',
    });
    expect(elsewhere.headers.location).toContain(`/admin/exercises/${seed.exerciseIds[2]}`);
  });
});

describe('mentors page', () => {
  it('is for staff only', async () => {
    expect((await get('/admin/mentors', diallo)).statusCode).toBe(403);
  });

  it('lists mentors with their mentees, assigns a participant and ends an assignment, audited', async () => {
    const page = await get('/admin/mentors', staff);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Mme Diallo');
    expect(page.body).toContain(`<a href="/admin/people/${espoir}">Espoir</a>`);

    const assigned = await post('/admin/mentors/assign', staff, { menteeId: espoir, mentorId: seed.mentorIds[0] });
    expect(assigned.statusCode).toBe(303);
    const assignment = await db.mentorAssignment.findUniqueOrThrow({
      where: { cohortId_mentorId_menteeId: { cohortId: seed.cohortId, mentorId: seed.mentorIds[0], menteeId: espoir } },
    });
    expect(assignment.endedAt).toBeNull();
    expect(
      await db.auditLog.count({ where: { action: 'mentor.assign', entityId: assignment.id, actorId: seed.staffId } }),
    ).toBe(1);
    // Mme Diallo now sees Espoir.
    expect((await get(`/admin/people/${espoir}`, diallo)).statusCode).toBe(200);

    const ended = await post(`/admin/mentors/assignments/${assignment.id}/end`, staff, {});
    expect(ended.statusCode).toBe(303);
    expect((await db.mentorAssignment.findUniqueOrThrow({ where: { id: assignment.id } })).endedAt).toEqual(NOW);
    expect(
      await db.auditLog.count({ where: { action: 'mentor.unassign', entityId: assignment.id, actorId: seed.staffId } }),
    ).toBe(1);
    expect((await get(`/admin/people/${espoir}`, diallo)).statusCode).toBe(404);
  });

  it('refuses to make a participant someone’s mentor', async () => {
    expect((await post('/admin/mentors/assign', staff, { menteeId: espoir, mentorId: awa })).statusCode).toBe(400);
  });
});

describe('selection page', () => {
  it('is for staff only', async () => {
    expect((await get(`/admin/selection?cohort=${seed.cohortId}`, diallo)).statusCode).toBe(403);
    expect(
      (
        await post('/admin/selection', diallo, {
          cohort: seed.cohortId,
          enrolmentId: seed.enrolmentIds[awa]!,
          decision: 'selected',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('ranks the cohort with scores, hubs and translated reasons', async () => {
    const page = await get(`/admin/selection?cohort=${seed.cohortId}`, staff);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ouagadougou');
    expect(page.body).toContain(`value="${seed.enrolmentIds[awa]}"`);
    expect(page.body).not.toMatch(/scores:[a-z]/);
    // Rivo sent STOP: not ranked.
    expect(page.body).not.toContain(`value="${seed.enrolmentIds[rivo]}"`);
    expect(page.body.indexOf('>Awa</a>')).toBeLessThan(page.body.indexOf('>Salma</a>'));
  });

  it('explains how the total is computed, shows missing scores as missing, and grading some people moves nobody', async () => {
    const before = await get(`/admin/selection?cohort=${seed.cohortId}`, staff);
    expect(before.body).toContain(
      'Un score compte dans le total dès que toutes les personnes qui doivent l’avoir l’ont ; tant qu’il manque à certaines',
    );
    expect(before.body).toContain(
      'Notes : ne comptent pas encore (2 sur 5 personnes ayant rendu un travail ont une note)',
    );
    expect(before.body).toContain('<td class="n missing">manquant</td>');
    const totalOf = (body: string, name: string) => {
      const row = body.slice(body.indexOf(`>${name}</a>`));
      return row.slice(0, row.indexOf('</tr>')).match(/<td class="n total">([^<]*)<\/td>/)![1];
    };
    const espoirTotal = totalOf(before.body, 'Espoir');

    // Grading only Espoir, low, neither lowers nor raises her total.
    const submission = submissionOf(espoir, 0);
    await post(`/admin/submissions/${submission.id}/grade`, staff, { score: '2' });
    const after = await get(`/admin/selection?cohort=${seed.cohortId}`, staff);
    expect(totalOf(after.body, 'Espoir')).toBe(espoirTotal);
    expect(after.body).toContain(
      'Notes : ne comptent pas encore (3 sur 5 personnes ayant rendu un travail ont une note)',
    );
    expect(after.body).toMatch(/<td class="n">25 %<\/td>/);
  });

  it('shows, before staff decide, the exact notice each outcome’s people will read, the programme’s own text when it has one', async () => {
    const page = await get(`/admin/selection?cohort=${seed.cohortId}`, staff);
    expect(page.body).toContain('Ce que chacun lira dans la discussion, dans sa langue :');
    expect(page.body).toMatch(
      /<li lang="fr">[^]*?<q>Félicitations Awa ! Vous êtes sélectionné·e pour la phase suivante de Connexions citoyennes/,
    );
    expect(page.body).toMatch(/<li lang="en">[^]*?<q>Congratulations Awa/);

    const programme = await db.programme.findFirstOrThrow({ where: { cohorts: { some: { id: seed.cohortId } } } });
    const settings = programme.settings as Record<string, unknown>;
    await db.programme.update({
      where: { id: programme.id },
      data: {
        settings: {
          ...settings,
          selectionNotices: {
            not_selected: { fr: 'Merci {{name}} pour {{programme}}.', en: 'Thank you {{name}} for {{programme}}.' },
          },
        } as object,
      },
    });
    try {
      const own = await get(`/admin/selection?cohort=${seed.cohortId}`, staff);
      expect(own.body).toContain('<q>Merci Awa pour Connexions citoyennes.</q>');
      expect(own.body).toContain('<q>Thank you Awa for Civic Connections.</q>');
      expect(own.body).toMatch(/<q>Félicitations Awa/);
    } finally {
      await db.programme.update({ where: { id: programme.id }, data: { settings: settings as object } });
    }
  });

  it('marks participants selected and tells each once, in their own language', async () => {
    const decide = () =>
      post('/admin/selection', staff, {
        cohort: seed.cohortId,
        enrolmentId: [seed.enrolmentIds[awa]!, seed.enrolmentIds[fatou]!, seed.enrolmentIds[rivo]!],
        decision: 'selected',
        notify: 'on',
      });
    const response = await decide();
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toContain(`/admin/selection?cohort=${seed.cohortId}`);

    const awaEnrolment = await db.enrolment.findUniqueOrThrow({ where: { id: seed.enrolmentIds[awa]! } });
    expect(awaEnrolment).toMatchObject({ status: 'selected', statusChangedAt: NOW });
    // Rivo sent STOP: the decision waits for a return, and nothing is sent.
    expect(await db.enrolment.findUniqueOrThrow({ where: { id: seed.enrolmentIds[rivo]! } })).toMatchObject({
      status: 'stopped',
      statusBeforeStop: 'selected',
    });

    const messages = async () =>
      db.outboundMessage.findMany({ where: { purpose: 'selection' }, orderBy: { personId: 'asc' } });
    const sent = await messages();
    expect(sent.map((m) => m.personId).sort()).toEqual([awa, fatou].sort());
    const textOf = (personId: string) => (sent.find((m) => m.personId === personId)!.payload as { text: string }).text;
    expect(textOf(awa)).toContain('Félicitations Awa');
    expect(textOf(awa)).toContain('Connexions citoyennes');
    expect(textOf(fatou)).toContain('Congratulations Fatou');
    expect(textOf(fatou)).toContain('Civic Connections');

    // The same decision again: nothing changes, nobody is told twice.
    await decide();
    expect(await messages()).toHaveLength(2);
    expect(await db.auditLog.count({ where: { action: 'enrolment.select', entityId: seed.enrolmentIds[awa]! } })).toBe(
      1,
    );
  });

  it('marks not selected, and back to active, without telling when not asked', async () => {
    const notSelected = await post('/admin/selection', staff, {
      cohort: seed.cohortId,
      enrolmentId: seed.enrolmentIds[salma]!,
      decision: 'not_selected',
    });
    expect(notSelected.statusCode).toBe(303);
    expect((await db.enrolment.findUniqueOrThrow({ where: { id: seed.enrolmentIds[salma]! } })).status).toBe(
      'not_selected',
    );
    expect(await db.outboundMessage.count({ where: { purpose: 'selection', personId: salma } })).toBe(0);
    expect(
      await db.auditLog.count({
        where: { action: 'enrolment.not_select', entityId: seed.enrolmentIds[salma]!, actorId: seed.staffId },
      }),
    ).toBe(1);

    await post('/admin/selection', staff, {
      cohort: seed.cohortId,
      enrolmentId: seed.enrolmentIds[salma]!,
      decision: 'active',
      notify: 'on',
    });
    expect((await db.enrolment.findUniqueOrThrow({ where: { id: seed.enrolmentIds[salma]! } })).status).toBe('active');
    expect(await db.outboundMessage.count({ where: { purpose: 'selection', personId: salma } })).toBe(0);
  });

  it('refuses a decision about someone outside the cohort, or none', async () => {
    expect(
      (await post('/admin/selection', staff, { cohort: seed.cohortId, enrolmentId: 'nobody', decision: 'selected' }))
        .statusCode,
    ).toBe(400);
    expect((await post('/admin/selection', staff, { cohort: seed.cohortId, decision: 'selected' })).statusCode).toBe(
      400,
    );
    expect(
      (
        await post('/admin/selection', staff, {
          cohort: seed.cohortId,
          enrolmentId: seed.enrolmentIds[awa]!,
          decision: 'maybe',
        })
      ).statusCode,
    ).toBe(400);
  });
});

describe('audit log', () => {
  it('tells each entry as a sentence in the reader’s language, unknown actions included, with no JSON', async () => {
    await db.auditLog.create({
      data: { actorId: seed.staffId, action: 'hub.rename', entity: 'Hub', details: { from: 'Abidjan', done: true } },
    });
    const page = await get('/admin/audit', staff);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/Mme Diallo a noté l’exercice 1 « [^»<]+ » de Awa : 5/);
    expect(page.body).toContain('Claire a marqué Awa comme sélectionné·e et l’a prévenu·e dans la discussion');
    expect(page.body).toContain('Claire a fait de Mme Diallo le mentor de Espoir');
    expect(page.body).toContain('Mme Diallo s’est connecté·e au tableau de bord');
    expect(page.body).toContain('Claire a fait une action que ce journal ne sait pas encore dire, sur Hub :');
    expect(page.body).toContain('<li>from : Abidjan</li>');
    expect(page.body).toContain('<li>done : oui</li>');
    expect(page.body).not.toMatch(/\{&quot;|\{"/);
    // On a phone the sentences wrap at spaces, never inside a word.
    expect(page.body).toContain('.audit-log td{overflow-wrap:normal;word-break:normal');
  });

  it('words the operations run from the dashboard and the command line', async () => {
    const cohort = { entity: 'Cohort', entityId: seed.cohortId };
    await db.auditLog.createMany({
      data: [
        { actorId: seed.staffId, action: 'exercise.release', ...cohort, details: { exercise: 'semaine-2', count: 4 } },
        { actorId: seed.staffId, action: 'offline_period.create', ...cohort, details: { count: 2 } },
        { actorId: seed.staffId, action: 'offline_period.end', ...cohort, details: { count: 2 } },
        { actorId: null, action: 'staff.add', entity: 'Person', entityId: seed.staffId, details: { via: 'cli' } },
        { actorId: seed.staffId, action: 'export.xlsx', ...cohort, details: { file: 'participants.xlsx' } },
      ],
    });
    const page = await get('/admin/audit', staff);
    expect(page.body).toMatch(
      /Claire a envoyé maintenant l’exercice « semaine-2 » à la cohorte [^<]+ \(4 personne\(s\) l’ont reçu\)/,
    );
    expect(page.body).toMatch(
      /Claire a prévu une période hors ligne dans la cohorte [^<]+ \(2 personne\(s\) concernée\(s\)\)/,
    );
    expect(page.body).toMatch(/Claire a mis fin à une période hors ligne dans la cohorte/);
    expect(page.body).toContain(
      'Compagnon (tâche automatique ou ligne de commande) a ajouté Claire à l’équipe du programme',
    );
    expect(page.body).toMatch(/Claire a exporté le fichier participants\.xlsx de la cohorte/);
    expect(page.body).not.toContain('ne sait pas encore dire, sur Cohort');
  });
});

describe('the count of exercises due so far', () => {
  it('does not count an exercise handed in weeks before its deadline as one that has fallen due', async () => {
    const person = await db.person.create({
      data: {
        displayName: 'Aïcha',
        roles: ['participant'],
        locale: 'fr',
        enrolments: { create: { cohortId: seed.cohortId, role: 'participant', status: 'active' } },
      },
      include: { enrolments: true },
    });
    const deadlineAt = new Date(NOW.getTime() + 21 * 24 * 3600_000);
    await db.submission.create({
      data: {
        exerciseId: seed.exerciseIds[5]!,
        enrolmentId: person.enrolments[0]!.id,
        status: 'submitted',
        releaseAt: new Date(NOW.getTime() - 24 * 3600_000),
        releasedAt: new Date(NOW.getTime() - 24 * 3600_000),
        deadlineAt,
        submittedAt: new Date(NOW.getTime() - 3600_000),
      },
    });
    const text = (await get(`/admin/people/${person.id}`, staff)).body;
    expect(text).toContain('1 exercice rendu avant son échéance');
    expect(text).toContain('Aucune échéance n&#39;est encore passée');
    expect(text).not.toContain('arrivé(s) à échéance');
  });
});
