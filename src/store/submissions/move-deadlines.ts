import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';
import { rescheduleReminders } from './reschedule-reminders.ts';

/**
 * Moves by `byMs` the deadlines in [from, to] of these enrolments' submissions not yet handed in
 * (offline then, they could not answer), and works their next reminder out again from the new
 * deadline. Returns how many moved.
 */
export async function moveDeadlines(
  tx: Prisma.TransactionClient | Database,
  request: { enrolmentIds: string[]; from: Date; to: Date; byMs: number; now: Date },
): Promise<number> {
  const { enrolmentIds, from, to, byMs, now } = request;
  if (enrolmentIds.length === 0 || byMs <= 0) return 0;
  const moved = await tx.$queryRaw<{ id: string; deadlineAt: Date; releaseAt: Date; reminderOffsets: number[] }[]>`
    UPDATE "Submission" AS s
    SET "deadlineAt" = s."deadlineAt" + ${byMs}::double precision * interval '1 millisecond', "updatedAt" = ${now}
    FROM "Exercise" AS x
    WHERE x.id = s."exerciseId" AND s."enrolmentId" = ANY(${enrolmentIds}::text[])
      AND s.status IN ('planned', 'open', 'in_progress') AND s."deadlineAt" >= ${from} AND s."deadlineAt" <= ${to}
    RETURNING s.id, s."deadlineAt", s."releaseAt", x."reminderOffsets"`;
  await rescheduleReminders(
    tx,
    moved.map((s) => ({ ...s, after: s.releaseAt > now ? s.releaseAt : now })),
  );
  return moved.length;
}
