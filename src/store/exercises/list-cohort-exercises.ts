import type { LocalizedText } from '../../domain/programme/language.ts';
import type { Database } from '../database.ts';

export interface CohortExercise {
  id: string;
  key: string;
  position: number;
  title: LocalizedText;
  /** When it was first released anywhere (null: never yet). */
  releasedAt: Date | null;
  /** How many of the cohort's participants have it (released, whatever they did with it since). */
  releasedTo: number;
}

/** The exercises of a cohort's programme in programme order, and how many of its participants have each. */
export async function listCohortExercises(db: Database, cohortId: string): Promise<CohortExercise[]> {
  const cohort = await db.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { programmeId: true } });
  const exercises = await db.exercise.findMany({
    where: { programmeId: cohort.programmeId },
    orderBy: { position: 'asc' },
    select: {
      id: true,
      key: true,
      position: true,
      title: true,
      releasedAt: true,
      _count: {
        select: {
          submissions: { where: { status: { not: 'planned' }, enrolment: { cohortId, role: 'participant' } } },
        },
      },
    },
  });
  return exercises.map(({ _count, title, ...exercise }) => ({
    ...exercise,
    title: title as LocalizedText,
    releasedTo: _count.submissions,
  }));
}
