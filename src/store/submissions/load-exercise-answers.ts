import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';

/**
 * An exercise as a cohort answered it: its questions, and the submissions of the enrolments
 * given (the viewer's visible participants) with their answers, media and grades, by name.
 * Null when the exercise is not one of the cohort's programme.
 */
export async function loadExerciseAnswers(
  db: Database,
  request: { exerciseId: string; cohortId: string; enrolments: Prisma.EnrolmentWhereInput },
) {
  const cohort = await db.cohort.findUnique({
    where: { id: request.cohortId },
    select: { id: true, name: true, programmeId: true, programme: { select: { settings: true } } },
  });
  if (!cohort) return null;
  const exercise = await db.exercise.findFirst({
    where: { id: request.exerciseId, programmeId: cohort.programmeId },
    include: { questions: { orderBy: { position: 'asc' } } },
  });
  if (!exercise) return null;
  const submissions = await db.submission.findMany({
    where: { exerciseId: exercise.id, enrolment: { AND: [request.enrolments, { cohortId: cohort.id }] } },
    orderBy: [{ enrolment: { person: { displayName: 'asc' } } }, { id: 'asc' }],
    include: {
      enrolment: { select: { personId: true, person: { select: { displayName: true } } } },
      answers: { include: { mediaFile: { select: { id: true, mimeType: true, sizeBytes: true } } } },
      grades: { orderBy: { createdAt: 'asc' }, include: { grader: { select: { displayName: true } } } },
    },
  });
  return { cohort, exercise, submissions };
}
