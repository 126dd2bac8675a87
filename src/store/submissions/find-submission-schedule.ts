import type { Database } from '../database.ts';
import type { SubmissionStatus } from '../generated/enums.ts';

/** A submission's status and release instant; null when there is no such submission. */
export async function findSubmissionSchedule(
  db: Database,
  submissionId: string,
): Promise<{ status: SubmissionStatus; releaseAt: Date } | null> {
  return db.submission.findUnique({ where: { id: submissionId }, select: { status: true, releaseAt: true } });
}
