import { nextReminder } from '../../domain/plan-submission.ts';
import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';

/** A submission whose next reminder is to be worked out again from its deadline. */
export interface ReminderToReschedule {
  id: string;
  deadlineAt: Date;
  reminderOffsets: number[];
  /** The next reminder is the first one strictly after this instant. */
  after: Date;
}

/** Sets each submission's next reminder by `nextReminder`, in one statement; none left: null. */
export async function rescheduleReminders(
  tx: Prisma.TransactionClient | Database,
  submissions: ReminderToReschedule[],
): Promise<void> {
  if (submissions.length === 0) return;
  const ids = submissions.map((s) => s.id);
  const next = submissions.map((s) => nextReminder(s.deadlineAt, s.reminderOffsets, s.after));
  await tx.$executeRaw`
    UPDATE "Submission" AS s SET "nextReminderAt" = u.next_at
    FROM unnest(${ids}::text[], ${next}::timestamptz[]) AS u(id, next_at)
    WHERE s.id = u.id`;
}
