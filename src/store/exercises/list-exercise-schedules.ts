import type { ExerciseSchedule } from '../../domain/plan-submission.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';

/** An exercise with what its planning needs: its calendar rules and its programme's time zone. */
export interface ScheduledExercise {
  id: string;
  programmeId: string;
  schedule: ExerciseSchedule;
  programmeTimeZone: string;
}

/** Every exercise of every programme, with its schedule. */
export async function listExerciseSchedules(db: Database): Promise<ScheduledExercise[]> {
  const exercises = await db.exercise.findMany({
    include: { phase: true, programme: { select: { settings: true } } },
  });
  return exercises.map((exercise) => ({
    id: exercise.id,
    programmeId: exercise.programmeId,
    schedule: {
      phaseStartsOn: exercise.phase.startsOn.toISOString().slice(0, 10),
      releaseRule: exercise.releaseRule,
      deadlineRule: exercise.deadlineRule,
      reminderOffsets: exercise.reminderOffsets,
    },
    programmeTimeZone: parseProgrammeSettings(exercise.programme.settings).timeZone,
  }));
}
