import { z } from 'zod';
import { BadRequestError } from '../admin-errors.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, type AdminTranslate } from '../layout.ts';
import type { Viewer } from '../viewer.ts';

/** A comment longer than this is refused: a grade's comment is a note, not an essay. */
const COMMENT_MAX_LENGTH = 2000;

/** The pages a grading form may send its grader back to (a participant's page); anything else goes to the exercise. */
const BACK_PATH = /^\/admin\/people\/[A-Za-z0-9_-]+$/;

/** A grade as the form sends it; `back` is where the grader came from, when it was a participant's page. */
interface GradeForm {
  score: number;
  comment: string | null;
  back: string | null;
}

/**
 * The viewer's grading form for one submission handed in. The grade starts on an empty "choose a
 * grade" option (or the viewer's own grade), never on a number: a grade nobody chose is never
 * recorded. `back` is the participant's page to return to after saving.
 */
export function gradingForm(
  submission: { id: string; grades: readonly { graderId: string; score: number; comment: string | null }[] },
  options: { viewer: Viewer; t: AdminTranslate; scale: number; back?: string },
): SafeHtml {
  const { viewer, t, scale } = options;
  const own = submission.grades.find((grade) => grade.graderId === viewer.personId);
  const scores = Array.from({ length: scale }, (_, index) => index + 1);
  return html`<form method="post" action="/admin/submissions/${submission.id}/grade" class="grade-form">${csrfField(viewer)}${options.back ? html`<input type="hidden" name="back" value="${options.back}">` : ''}
<p><label>${t('dashboard-people:grade_score', { scale })} <select name="score" required><option value=""${own ? '' : html` selected`}>${t('dashboard-people:grade_choose')}</option>${scores.map((score) => html`<option value="${score}"${own?.score === score ? html` selected` : ''}>${score}</option>`)}</select></label></p>
<p><label>${t('dashboard-people:grade_comment')}<br><textarea name="comment" rows="2" cols="40" maxlength="${COMMENT_MAX_LENGTH}">${own?.comment ?? ''}</textarea></label></p>
<button type="submit">${own ? t('dashboard-people:grade_update') : t('dashboard-people:grade_save')}</button>
</form>`;
}

/**
 * Reads a submitted grading form. A form sent without a grade (the empty option) is refused with a
 * page saying nothing was recorded, rather than read as some grade.
 */
export function parseGradeForm(body: unknown, scale: number): GradeForm {
  const fields = z
    .object({ score: z.string().optional(), comment: z.string().optional(), back: z.string().optional() })
    .safeParse(body ?? {});
  if (fields.success && !fields.data.score?.trim())
    throw new BadRequestError('the grading form was sent without a grade: nothing recorded', {
      key: 'dashboard:error_grade_missing',
      values: { scale },
    });
  const form = z
    .object({
      score: z.coerce.number().int().min(1).max(scale),
      comment: z.string().max(COMMENT_MAX_LENGTH).optional(),
      back: z.string().optional(),
    })
    .safeParse(body ?? {});
  if (!form.success)
    throw new BadRequestError(
      `a grade is a whole number from 1 to ${scale}, with a comment of at most ${COMMENT_MAX_LENGTH} characters`,
      { key: 'dashboard:error_grade_form', values: { scale, max: COMMENT_MAX_LENGTH } },
    );
  const { score, comment, back } = form.data;
  return { score, comment: comment?.trim() || null, back: back && BACK_PATH.test(back) ? back : null };
}
