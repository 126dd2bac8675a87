import type { FastifyInstance } from 'fastify';
import { loadCohortScores } from '../../store/cohorts/load-cohort-scores.ts';
import { findVisibleSubmission } from '../../store/submissions/find-visible-submission.ts';
import { loadExerciseAnswers } from '../../store/submissions/load-exercise-answers.ts';
import { recordGrade } from '../../store/submissions/record-grade.ts';
import { viewerCohort } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { BadRequestError } from '../admin-errors.ts';
import { html, type SafeHtml } from '../html.ts';
import { adminTranslate, renderPage, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';
import { answersList, answerView } from './answer-view.ts';
import { gradingForm, parseGradeForm } from './grading-form.ts';
import { exerciseRulesText } from './exercise-rules-text.ts';
import { PEOPLE_STYLE } from './people-style.ts';
import { submissionStatusKey } from './submission-status.ts';

type ExerciseAnswers = Awaited<ReturnType<typeof loadExerciseAnswers>>;

/**
 * GET /admin/exercises/:exerciseId?cohort=… — every visible participant's answers side by side,
 * question by question, and a rubric grading form per submission handed in.
 * POST /admin/submissions/:submissionId/grade — stores the viewer's grade (staff, or a mentor for
 * a mentee), audited.
 */
export function registerExercisePage(app: FastifyInstance, deps: AdminDependencies): void {
  app.get<{ Params: { exerciseId: string }; Querystring: { cohort?: string } }>(
    '/admin/exercises/:exerciseId',
    async (request, reply) => {
      const { viewer } = request;
      const cohortId = await viewerCohort(deps.db, viewer, request.query.cohort);
      const loaded = await loadExerciseAnswers(deps.db, {
        exerciseId: request.params.exerciseId,
        cohortId,
        scope: viewer,
      });
      const t = adminTranslate(deps, viewer);
      const scale = await rubricScale(deps, cohortId);
      const title = `${loaded.exercise.position + 1}. ${localizedText(loaded.exercise.title, viewer.language)}`;
      const body = html`${PEOPLE_STYLE}${exerciseBody(loaded, { viewer, t, scale })}`;
      return reply
        .type('text/html; charset=utf-8')
        .send(renderPage(viewer, t, { title, body, section: viewer.role === 'mentor' ? 'mentees' : 'cohorts' }));
    },
  );

  app.post<{ Params: { submissionId: string } }>('/admin/submissions/:submissionId/grade', async (request, reply) => {
    const { viewer } = request;
    // Its own enrolment must be visible: a mentor may not grade a mentee's work in another cohort.
    const submission = await findVisibleSubmission(deps.db, viewer, request.params.submissionId);
    const scale = await rubricScale(deps, submission.cohortId);
    const form = parseGradeForm(request.body, scale);
    if (submission.status !== 'submitted')
      throw new BadRequestError('only a submission that was handed in can be graded', {
        key: 'dashboard:error_grade_not_submitted',
      });
    await recordGrade(deps.db, {
      submissionId: submission.id,
      graderId: viewer.personId,
      score: form.score,
      comment: form.comment,
    });
    if (form.back) return reply.redirect(`${form.back}#submission-${submission.id}`, 303);
    const back = `/admin/exercises/${encodeURIComponent(submission.exerciseId)}?cohort=${encodeURIComponent(submission.cohortId)}#submission-${submission.id}`;
    return reply.redirect(back, 303);
  });
}

/** The programme's rubric scale (grades run from 1 to it). */
async function rubricScale(deps: AdminDependencies, cohortId: string): Promise<number> {
  const ranking = await loadCohortScores(deps.db, { cohortId, now: deps.now(), personIds: [] });
  return ranking.rubricScale;
}

function exerciseBody(
  loaded: ExerciseAnswers,
  options: { viewer: Viewer; t: AdminTranslate; scale: number },
): SafeHtml {
  const { viewer, t, scale } = options;
  const language = viewer.language;
  const { exercise, submissions } = loaded;
  const shown = submissions.filter((submission) => submission.status !== 'planned');
  const counts = new Map<string, number>();
  for (const submission of submissions)
    counts.set(submissionStatusKey(submission), (counts.get(submissionStatusKey(submission)) ?? 0) + 1);
  return html`<p class="muted">${localizedText(loaded.cohort.name, language)} · ${exerciseRulesText(exercise, t, language)}</p>
<ul class="cards">${(['on_time', 'late', 'in_progress', 'open', 'missed', 'planned'] as const).map((key) => html`<li><b>${counts.get(key) ?? 0}</b>${t(`dashboard-people:submission_${key}`)}</li>`)}</ul>
${shown.length === 0 ? html`<p class="notice">${t('dashboard-people:no_answers_yet')}</p>` : ''}
${exercise.questions.map(
  (
    question,
  ) => html`<section class="question"><h2>${question.position + 1}. ${localizedText(question.prompt, language)}</h2>
<div class="side-by-side">${shown.map((submission) => {
    const answer = submission.answers.find((a) => a.questionId === question.id);
    return html`<div class="card"><a href="/admin/people/${submission.enrolment.personId}">${submission.enrolment.person.displayName ?? t('dashboard-people:unnamed')}</a><div>${answerView(question, answer, t, language)}</div></div>`;
  })}</div></section>`,
)}
<section class="grading"><h2>${t('dashboard-people:grading', { scale })}</h2>
${shown.filter((submission) => submission.status === 'submitted').map((submission) => gradingCard(submission, { viewer, t, scale, questions: exercise.questions }))}
</section>`;
}

/** One person's answers, their grades and the viewer's form right under them (on a phone too). */
function gradingCard(
  submission: ExerciseAnswers['submissions'][number],
  {
    viewer,
    t,
    scale,
    questions,
  }: { viewer: Viewer; t: AdminTranslate; scale: number; questions: ExerciseAnswers['exercise']['questions'] },
): SafeHtml {
  const status = submissionStatusKey(submission);
  const name = submission.enrolment.person.displayName ?? t('dashboard-people:unnamed');
  return html`<article class="card" id="submission-${submission.id}">
<h3>${name} <span class="badge status-${status}">${t(`dashboard-people:submission_${status}`)}</span></h3>
${answersList(questions, submission.answers, t, viewer.language)}
${
  submission.grades.length > 0
    ? html`<ul class="grades">${submission.grades.map((grade) => html`<li>${t('dashboard-people:grade_line', { score: grade.score, scale, grader: grade.grader.displayName ?? '' })}${grade.comment ? html` — <q>${grade.comment}</q>` : ''}</li>`)}</ul>`
    : html`<p class="muted">${t('dashboard-people:not_graded')}</p>`
}
${gradingForm(submission, { viewer, t, scale })}
</article>`;
}
