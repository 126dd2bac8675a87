import type { Database } from '../database.ts';

/**
 * Marks missed every submission still open or half-answered whose exercise has closed (deadline +
 * `closes_after`, never before the grace ends), with no reminder left, unless its participant has
 * messages sent before the closing still to be handled. One conditional UPDATE: running it twice
 * or on two workers changes nothing more. Returns how many were closed.
 */
export async function markSubmissionsMissed(db: Database, at: Date): Promise<number> {
  return db.$executeRaw`
      UPDATE "Submission" AS s
      SET status = 'missed', "nextReminderAt" = NULL, "updatedAt" = ${at}
      FROM "Exercise" AS e, "Enrolment" AS en
      WHERE e.id = s."exerciseId"
        AND en.id = s."enrolmentId"
        AND s.status IN ('open', 'in_progress')
        AND s."deadlineAt" + make_interval(mins => GREATEST(e."closesAfterMinutes", e."graceMinutes")) <= ${at}
        AND NOT EXISTS (
          SELECT 1 FROM "InboundEvent" AS i
          WHERE i."personId" = en."personId" AND i.status = 'received'
            AND i."sentAt" <= s."deadlineAt" + make_interval(mins => GREATEST(e."closesAfterMinutes", e."graceMinutes"))
        )`;
}
