import type { ExerciseActivity } from './participant-activity.ts';

const MINUTE_MS = 60_000;

/**
 * The exercises a participant's scores are judged on: those that reached them (not `planned`) and
 * are either submitted or past their deadline and its grace. An exercise released this morning
 * counts for whoever already submitted it and for nobody else yet, so a fresh release lowers no
 * one; nor does one whose grace is still running, since an answer sent then is on time. The last
 * instant of the grace itself is still ahead, as it is for answers (see classifyAnswerTime).
 */
export function countedExercises(exercises: readonly ExerciseActivity[], now: Date): ExerciseActivity[] {
  const time = now.getTime();
  return exercises.filter(
    (exercise) => exercise.status !== 'planned' && (exercise.status === 'submitted' || isPastDue(exercise, time)),
  );
}

/** Whether the exercise's deadline and its grace have passed: it has fallen due, handed in or not. */
export function isPastDue(exercise: ExerciseActivity, time: number): boolean {
  return exercise.deadlineAt.getTime() + exercise.graceMinutes * MINUTE_MS < time;
}
