import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import { visibleEnrolments, type DashboardScope } from '../access/visible-enrolments.ts';

/**
 * An exercise as a cohort answered it: its questions, and the submissions of the enrolments
 * the viewer may see with their answers, media and grades, by name. NotFoundError when the
 * cohort does not exist or the exercise is not one of its programme's.
 */
export async function loadExerciseAnswers(
  db: Database,
  request: { exerciseId: string; cohortId: string; scope: DashboardScope },
) {
  const cohort = await db.cohort.findUnique({
    where: { id: request.cohortId },
    select: { id: true, name: true, programmeId: true },
  });
  if (!cohort) throw new NotFoundError(`cohort ${request.cohortId} not found`);
  const exercise = await db.exercise.findFirst({
    where: { id: request.exerciseId, programmeId: cohort.programmeId },
    include: { questions: { orderBy: { position: 'asc' } } },
  });
  if (!exercise) throw new NotFoundError(`exercise ${request.exerciseId} is not in cohort ${request.cohortId}`);
  const submissions = await db.submission.findMany({
    where: { exerciseId: exercise.id, enrolment: { AND: [visibleEnrolments(request.scope), { cohortId: cohort.id }] } },
    orderBy: [{ enrolment: { person: { displayName: 'asc' } } }, { id: 'asc' }],
    include: {
      enrolment: { select: { personId: true, person: { select: { displayName: true } } } },
      answers: { include: { mediaFile: { select: { id: true, mimeType: true, sizeBytes: true } } } },
      grades: { orderBy: { createdAt: 'asc' }, include: { grader: { select: { displayName: true } } } },
    },
  });
  return { cohort, exercise, submissions };
}
