import type { Database } from '../database.ts';

/**
 * Ends the pauses people asked for (PAUSE 7) whose end has come: each enrolment gets back the
 * status it had before. A selected participant's pause gives the selection back (see setEnrolmentStatus).
 */
export async function endElapsedPauses(db: Database, now: Date): Promise<number> {
  return db.$executeRaw`
      UPDATE "Enrolment"
      SET status = COALESCE("statusBeforeStop", 'active'::"EnrolmentStatus"), "statusBeforeStop" = NULL,
          "pausedUntil" = NULL, "statusChangedAt" = ${now}, "updatedAt" = ${now}
      WHERE status = 'paused' AND "pausedUntil" <= ${now}`;
}
