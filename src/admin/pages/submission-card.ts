import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import type { Language } from '../../domain/programme/language.ts';
import type { ParticipantSubmission } from '../../store/people/load-participant-record.ts';
import { html, type SafeHtml } from '../html.ts';
import type { AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import { answerView } from './answer-view.ts';
import { submissionStatusKey } from './submission-status.ts';

/**
 * One exercise as a participant did it: status, release and deadline in their local time, each
 * answer under its question, and the grades given so far with a link to grade it.
 */
export function submissionCard(
  submission: ParticipantSubmission,
  options: { cohortId: string; timeZone: string; language: Language; rubricScale: number; t: AdminTranslate },
): SafeHtml {
  const { t, language, timeZone } = options;
  const { exercise } = submission;
  const status = submissionStatusKey(submission);
  const local = (instant: Date) => formatLocalDateTime(instant, timeZone, language);
  const answers = new Map(submission.answers.map((answer) => [answer.questionId, answer]));
  const showAnswers = submission.status !== 'planned' && submission.answers.length > 0;
  const exerciseLink = `/admin/exercises/${encodeURIComponent(exercise.id)}?cohort=${encodeURIComponent(options.cohortId)}#submission-${submission.id}`;
  return html`<article class="card submission" id="submission-${submission.id}">
  <h3>${exercise.position + 1}. ${localizedText(exercise.title, language)} <span class="badge status-${status}">${t(`dashboard-people:submission_${status}`)}</span></h3>
  <p class="muted">${t(submission.releasedAt ? 'dashboard-people:released' : 'dashboard-people:planned_release')} ${local(submission.releasedAt ?? submission.releaseAt)} · ${t('dashboard-people:deadline')} ${local(submission.deadlineAt)}${submission.submittedAt ? html` · ${t('dashboard-people:handed_in')} ${local(submission.submittedAt)}` : ''}</p>
  ${
    showAnswers
      ? html`<dl class="answers">${exercise.questions.map(
          (question) =>
            html`<dt>${localizedText(question.prompt, language)}</dt><dd>${answerView(question, answers.get(question.id), t, language)}</dd>`,
        )}</dl>`
      : ''
  }
  ${
    submission.grades.length > 0
      ? html`<ul class="grades">${submission.grades.map(
          (grade) =>
            html`<li>${t('dashboard-people:grade_line', { score: grade.score, scale: options.rubricScale, grader: grade.grader.displayName ?? '' })}${grade.comment ? html` — <q>${grade.comment}</q>` : ''}</li>`,
        )}</ul>`
      : ''
  }
  ${submission.status === 'submitted' ? html`<p><a href="${exerciseLink}">${t('dashboard-people:grade_this')}</a></p>` : ''}
</article>`;
}
