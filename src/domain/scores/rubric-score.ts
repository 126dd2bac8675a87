import type { ScoreReason } from './score-reason.ts';
import { reason } from './score-reason.ts';

interface RubricScore {
  /** From 0 to 1; null when the participant has no grade. */
  value: number | null;
  reasons: ScoreReason[];
}

/**
 * Rubric: the grades staff and mentors gave the participant's submissions, from 1 to the
 * programme's rubric scale, averaged over every grade (each grader of each submission counts once)
 * and brought to 0..1 with (average − 1) / (scale − 1): 1 is 0, the top of the scale is 1. A grade
 * outside the scale (the scale was lowered after grading) is clamped to it.
 *
 * Grading is optional. Without a grade the value is null (missing); whether the grades count in
 * the totals is decided for the whole cohort (see countedScores). The reason says whether the
 * participant has handed nothing in (nothing to grade), nobody in the cohort has been graded yet
 * (`cohortHasGrades` false), or just this participant.
 */
export function rubricScore(
  grades: readonly number[],
  rubricScale: number,
  cohort: { cohortHasGrades: boolean; handedIn: boolean },
): RubricScore {
  if (grades.length === 0) {
    const key = !cohort.handedIn
      ? 'reason.rubric_nothing_handed_in'
      : cohort.cohortHasGrades
        ? 'reason.rubric_none'
        : 'reason.rubric_none_in_cohort';
    return { value: null, reasons: [reason(key)] };
  }
  const scale = Math.max(2, rubricScale);
  const average = grades.reduce((sum, grade) => sum + Math.min(scale, Math.max(1, grade)), 0) / grades.length;
  return {
    value: (average - 1) / (scale - 1),
    reasons: [
      reason('reason.rubric_average', { average: Math.round(average * 10) / 10, scale, grades: grades.length }),
    ],
  };
}
