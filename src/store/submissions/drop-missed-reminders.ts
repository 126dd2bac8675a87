import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';
import { rescheduleReminders } from './reschedule-reminders.ts';

/**
 * Drops the reminders that fell due while these enrolments were paused or offline: each
 * submission not handed in moves to its next reminder after `now`, so none is sent in a burst
 * on return. Returns how many submissions had one dropped.
 */
export async function dropMissedReminders(
  tx: Prisma.TransactionClient | Database,
  enrolmentIds: string[],
  now: Date,
): Promise<number> {
  if (enrolmentIds.length === 0) return 0;
  const missed = await tx.$queryRaw<{ id: string; deadlineAt: Date; reminderOffsets: number[] }[]>`
    SELECT s.id, s."deadlineAt", x."reminderOffsets" FROM "Submission" s JOIN "Exercise" x ON x.id = s."exerciseId"
    WHERE s."enrolmentId" = ANY(${enrolmentIds}::text[]) AND s.status IN ('open', 'in_progress')
      AND s."nextReminderAt" <= ${now}`;
  await rescheduleReminders(
    tx,
    missed.map((s) => ({ ...s, after: now })),
  );
  return missed.length;
}
