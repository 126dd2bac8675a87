import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import { visibleEnrolments, type DashboardScope } from '../access/visible-enrolments.ts';

/**
 * A submission whose own enrolment the viewer may see, not just its person: a mentor of someone in
 * one cohort may not reach their work in another cohort or programme. NotFoundError otherwise.
 */
export async function findVisibleSubmission(
  db: Database,
  scope: DashboardScope,
  submissionId: string,
): Promise<{ id: string; status: string; exerciseId: string; cohortId: string }> {
  const submission = await db.submission.findFirst({
    where: { id: submissionId, enrolment: visibleEnrolments(scope) },
    select: { id: true, status: true, exerciseId: true, enrolment: { select: { cohortId: true } } },
  });
  if (!submission) throw new NotFoundError(`submission ${submissionId} is not one the viewer may see`);
  return {
    id: submission.id,
    status: submission.status,
    exerciseId: submission.exerciseId,
    cohortId: submission.enrolment.cohortId,
  };
}
