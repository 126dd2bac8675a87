import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';

/**
 * Ends a mentoring assignment: no more check-in prompts for it, and the mentor no longer sees
 * the mentee. Ending one that has already ended changes nothing; returns whether this call did.
 */
export async function endMentorAssignment(
  db: Prisma.TransactionClient | Database,
  request: { assignmentId: string; now: Date },
): Promise<boolean> {
  const { count } = await db.mentorAssignment.updateMany({
    where: { id: request.assignmentId, endedAt: null },
    // nextCheckInAt is kept: the check-in sweep skips ended assignments, and assigning again resumes it.
    data: { endedAt: request.now },
  });
  return count > 0;
}
