import { AmbiguousReferenceError, NotFoundError } from '../errors.ts';
import type { Database } from '../database.ts';

/** An exercise to release by hand, and the cohorts it goes to. */
interface ExerciseToRelease {
  id: string;
  key: string;
  deadlineRule: string;
  /** Minutes before the deadline. */
  reminderOffsets: number[];
  /** YYYY-MM-DD: the first day of the exercise's phase. */
  phaseStartsOn: string;
  cohortIds: string[];
}

/**
 * The exercise named by id or key, and the cohort named (by id or key), or all the programme's
 * cohorts. Throws NotFoundError when either is unknown, AmbiguousReferenceError when a key is
 * shared by several exercises (the id is then needed).
 */
export async function findExerciseToRelease(
  db: Database,
  request: { exercise: string; cohort?: string },
): Promise<ExerciseToRelease> {
  const exercises = await db.exercise.findMany({
    where: { OR: [{ id: request.exercise }, { key: request.exercise }] },
    include: { phase: true, programme: { include: { cohorts: true } } },
  });
  const exercise = exercises.find((e) => e.id === request.exercise) ?? exercises[0];
  if (!exercise) throw new NotFoundError(`no exercise has the id or key "${request.exercise}"`);
  if (exercises.length > 1 && exercise.id !== request.exercise) {
    throw new AmbiguousReferenceError(
      `several exercises have the key "${request.exercise}"; give its id: ${exercises.map((e) => e.id).join(', ')}`,
    );
  }
  const cohorts = request.cohort
    ? exercise.programme.cohorts.filter((c) => c.id === request.cohort || c.key === request.cohort)
    : exercise.programme.cohorts;
  if (cohorts.length === 0)
    throw new NotFoundError(`the programme of ${exercise.key} has no cohort "${request.cohort}"`);
  return {
    id: exercise.id,
    key: exercise.key,
    deadlineRule: exercise.deadlineRule,
    reminderOffsets: exercise.reminderOffsets,
    phaseStartsOn: exercise.phase.startsOn.toISOString().slice(0, 10),
    cohortIds: cohorts.map((c) => c.id),
  };
}
