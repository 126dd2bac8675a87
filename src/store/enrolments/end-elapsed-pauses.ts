import type { Database } from '../database.ts';
import { dropMissedReminders } from '../submissions/drop-missed-reminders.ts';

/**
 * Ends the pauses whose end has come (PAUSE 7, an offline period the sweep has not ended yet):
 * each enrolment gets back the status it had before — a selected participant's pause gives the
 * selection back (see setEnrolmentStatus) —, the reminders that fell due meanwhile are dropped and
 * one catch-up message is planned (`catchUpDueAt`).
 */
export async function endElapsedPauses(db: Database, now: Date): Promise<number> {
  return db.$transaction(async (tx) => {
    const ended = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Enrolment"
      SET status = COALESCE("statusBeforeStop", 'active'::"EnrolmentStatus"), "statusBeforeStop" = NULL,
          "pausedUntil" = NULL, "catchUpDueAt" = ${now}, "statusChangedAt" = ${now}, "updatedAt" = ${now}
      WHERE status = 'paused' AND "pausedUntil" <= ${now}
      RETURNING id`;
    await dropMissedReminders(
      tx,
      ended.map((row) => row.id),
      now,
    );
    return ended.length;
  });
}
