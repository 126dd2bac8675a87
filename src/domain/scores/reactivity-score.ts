import { countedExercises } from './counted-exercises.ts';
import type { ExerciseActivity } from './participant-activity.ts';
import type { Score } from './score.ts';
import { reason } from './score-reason.ts';
import { NEUTRAL_SCORE } from './score-weights.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Reactivity: how soon the work arrives, compared with the time the participant had.
 *
 * Each counted exercise (see countedExercises) gives a credit between 0 and 1, and reactivity is
 * their average:
 * - submitted on time, before the deadline: 0.5 + 0.5 × (deadline − submitted) / (deadline − release),
 *   so 1 when submitted the moment it was released and 0.5 when submitted right at the deadline;
 * - submitted after the deadline but within the programme's grace (Submission.late is false): 0.5,
 *   because the grace rule makes it on time;
 * - submitted late (after the grace): 0;
 * - not submitted, deadline passed: 0.
 * The release is when the exercise reached the participant, so a delayed release does not cost
 * them time. A submission without a recorded instant counts as sent at the deadline.
 *
 * Reasons: on time (within grace included) / within grace / late / not submitted counts, and how
 * many days before the deadline the work submitted before it arrived, on average.
 * With nothing counted yet the score is neutral (0.5, `hasData` false).
 */
export function reactivityScore(exercises: readonly ExerciseActivity[], now: Date): Score {
  const counted = countedExercises(exercises, now);
  if (counted.length === 0) return { value: NEUTRAL_SCORE, hasData: false, reasons: [reason('reason.nothing_due')] };
  let credit = 0;
  let onTime = 0;
  let withinGrace = 0;
  let late = 0;
  let leadMs = 0;
  let beforeDeadline = 0;
  for (const exercise of counted) {
    if (exercise.status !== 'submitted') continue;
    if (exercise.late) {
      late += 1;
      continue;
    }
    onTime += 1;
    const deadline = exercise.deadlineAt.getTime();
    const submitted = exercise.submittedAt?.getTime() ?? deadline;
    if (submitted > deadline) {
      withinGrace += 1;
      credit += 0.5;
      continue;
    }
    beforeDeadline += 1;
    leadMs += deadline - submitted;
    const window = deadline - exercise.releaseAt.getTime();
    credit += window <= 0 ? 1 : 0.5 + 0.5 * Math.min(1, (deadline - submitted) / window);
  }
  const missing = counted.length - onTime - late;
  const reasons = [reason('reason.timing', { onTime, withinGrace, late, missing })];
  if (beforeDeadline > 0)
    reasons.push(reason('reason.lead', { days: Math.round((leadMs / beforeDeadline / DAY_MS) * 10) / 10 }));
  return { value: credit / counted.length, hasData: true, reasons };
}
