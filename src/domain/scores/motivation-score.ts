import { countedExercises, isPastDue } from './counted-exercises.ts';
import type { ExerciseActivity } from './participant-activity.ts';
import type { Score } from './score.ts';
import { reason } from './score-reason.ts';
import { NEUTRAL_SCORE } from './score-weights.ts';

/** Share of the motivation score that comes from submitting; the rest comes from completeness. */
const SUBMITTED_SHARE = 0.75;

/**
 * Motivation: does the participant do the work, and all of it?
 *
 *   motivation = 0.75 × submitted / counted + 0.25 × completeness
 *
 * - `counted`: exercises released to the participant whose deadline has passed, plus those already
 *   submitted (see countedExercises); `submitted`: those of them submitted, on time or late.
 * - `completeness`: the average, over the submitted ones, of the share of the exercise's questions
 *   answered rather than skipped. Optional questions count: a required question cannot be skipped,
 *   so only the optional ones (a photo, a document) tell a complete answer from a minimal one. An
 *   exercise without questions counts as complete. Nothing submitted gives a completeness of 0.
 *
 * With nothing counted yet the score is neutral (0.5, `hasData` false) and says so. The reasons
 * tell the exercises fallen due from those handed in before their deadline, so that "due so far"
 * stays true of an exercise handed in early.
 */
export function motivationScore(exercises: readonly ExerciseActivity[], now: Date): Score {
  const counted = countedExercises(exercises, now);
  if (counted.length === 0) return { value: NEUTRAL_SCORE, hasData: false, reasons: [reason('reason.nothing_due')] };
  const submitted = counted.filter((exercise) => exercise.status === 'submitted');
  const completeness =
    submitted.length === 0
      ? 0
      : submitted.reduce(
          (sum, e) => sum + (e.questionCount === 0 ? 1 : Math.min(1, e.answeredCount / e.questionCount)),
          0,
        ) / submitted.length;
  const value = SUBMITTED_SHARE * (submitted.length / counted.length) + (1 - SUBMITTED_SHARE) * completeness;
  const due = counted.filter((exercise) => isPastDue(exercise, now.getTime()));
  const early = counted.length - due.length;
  const reasons =
    due.length === 0
      ? [reason('reason.none_due_yet')]
      : [
          reason('reason.submitted', {
            submitted: due.filter((exercise) => exercise.status === 'submitted').length,
            counted: due.length,
          }),
        ];
  if (early > 0) reasons.push(reason('reason.submitted_early', { count: early }));
  if (submitted.length > 0) reasons.push(reason('reason.completeness', { percent: Math.round(completeness * 100) }));
  return { value, hasData: true, reasons };
}
