import type { Database } from '../database.ts';

/**
 * The cohort (among those given: the viewer's) where the mentee is a participant and the mentor
 * a mentor not stopped, neither of them erased; null when there is none. An assignment is made there, never in another
 * programme the mentee may also be part of.
 */
export async function findCohortToAssignIn(
  db: Database,
  request: { menteeId: string; mentorId: string; cohortIds: string[] },
): Promise<string | null> {
  const enrolment = await db.enrolment.findFirst({
    where: {
      personId: request.menteeId,
      role: 'participant',
      cohortId: { in: request.cohortIds },
      person: { erasedAt: null },
    },
    select: { cohortId: true },
  });
  if (!enrolment) return null;
  const mentorEnrolments = await db.enrolment.count({
    where: {
      personId: request.mentorId,
      role: 'mentor',
      cohortId: enrolment.cohortId,
      status: { not: 'stopped' },
      person: { erasedAt: null },
    },
  });
  return mentorEnrolments > 0 ? enrolment.cohortId : null;
}
