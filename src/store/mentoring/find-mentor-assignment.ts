import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';

/** A mentor assignment by its id (ended or not); NotFoundError when there is none. */
export async function findMentorAssignment(
  db: Database,
  assignmentId: string,
): Promise<{ id: string; cohortId: string; mentorId: string; menteeId: string }> {
  const assignment = await db.mentorAssignment.findUnique({
    where: { id: assignmentId },
    select: { id: true, cohortId: true, mentorId: true, menteeId: true },
  });
  if (!assignment) throw new NotFoundError(`assignment ${assignmentId} not found`);
  return assignment;
}
