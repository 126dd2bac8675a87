import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import type { Language } from '../../domain/programme/language.ts';
import type { ParticipantSubmission } from '../../store/people/load-participant-record.ts';
import { html, type SafeHtml } from '../html.ts';
import type { AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import type { Viewer } from '../viewer.ts';
import { answersList } from './answer-view.ts';
import { gradingForm } from './grading-form.ts';
import { submissionStatusKey } from './submission-status.ts';

/**
 * One exercise as a participant did it: status, release and deadline in their local time, each
 * answer under its question, the grades given so far and, for work handed in, the viewer's grading
 * form right under the answers (on a phone too), with a link to the exercise's other answers.
 */
export function submissionCard(
  submission: ParticipantSubmission,
  options: {
    viewer: Viewer;
    /** The participant's page, where saving a grade comes back to. */
    page: string;
    cohortId: string;
    timeZone: string;
    language: Language;
    rubricScale: number;
    t: AdminTranslate;
  },
): SafeHtml {
  const { t, language, timeZone } = options;
  const { exercise } = submission;
  const status = submissionStatusKey(submission);
  const local = (instant: Date) => formatLocalDateTime(instant, timeZone, language);
  const showAnswers = submission.status !== 'planned' && submission.answers.length > 0;
  const exerciseLink = `/admin/exercises/${encodeURIComponent(exercise.id)}?cohort=${encodeURIComponent(options.cohortId)}#submission-${submission.id}`;
  return html`<article class="card submission" id="submission-${submission.id}">
  <h3>${exercise.position + 1}. ${localizedText(exercise.title, language)} <span class="badge status-${status}">${t(`dashboard-people:submission_${status}`)}</span></h3>
  <p class="muted">${t(submission.releasedAt ? 'dashboard-people:released' : 'dashboard-people:planned_release')} ${local(submission.releasedAt ?? submission.releaseAt)} · ${t('dashboard-people:deadline')} ${local(submission.deadlineAt)}${submission.submittedAt ? html` · ${t('dashboard-people:handed_in')} ${local(submission.submittedAt)}` : ''}</p>
  ${showAnswers ? answersList(exercise.questions, submission.answers, t, language) : ''}
  ${
    submission.grades.length > 0
      ? html`<ul class="grades">${submission.grades.map(
          (grade) =>
            html`<li>${t('dashboard-people:grade_line', { score: grade.score, scale: options.rubricScale, grader: grade.grader.displayName ?? '' })}${grade.comment ? html` — <q>${grade.comment}</q>` : ''}</li>`,
        )}</ul>`
      : ''
  }
  ${
    submission.status === 'submitted'
      ? html`${gradingForm(submission, { viewer: options.viewer, t, scale: options.rubricScale, back: options.page })}
<p><a href="${exerciseLink}">${t('dashboard-people:grade_this')}</a></p>`
      : ''
  }
</article>`;
}
