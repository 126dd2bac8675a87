import type { PlannedSubmission } from '../../domain/plan-submission.ts';
import type { Database } from '../database.ts';
import { Prisma } from '../generated/client.ts';
import type { ScheduledExercise } from '../exercises/list-exercise-schedules.ts';

/**
 * Adds a planned Submission for the exercise to each active participant of its programme who has
 * none yet, with the instants `planIn` gives for the time zone they live in (their own, else their
 * hub's, else the programme's). Everyone in one zone has the same instants: `planIn` is asked once
 * per zone and the rows are written in one statement. Rows already there are left alone (the
 * unique index makes a second run add nothing). Returns how many were added.
 */
export async function planExerciseSubmissions(
  db: Database,
  exercise: Pick<ScheduledExercise, 'id' | 'programmeId' | 'programmeTimeZone'>,
  planIn: (timeZone: string) => PlannedSubmission,
  now: Date,
): Promise<number> {
  const participants = Prisma.sql`"Enrolment" e
          JOIN "Cohort" c ON c.id = e."cohortId"
          JOIN "Person" p ON p.id = e."personId"
          LEFT JOIN "Hub" h ON h.id = p."hubId"`;
  // Not someone still joining this cohort (joinedAt is null until consent, hub and name are
  // all given): they are planned once they have finished, or never if they stop halfway.
  const unplanned = Prisma.sql`e.role = 'participant' AND e.status IN ('active', 'selected') /* FOLLOWED_STATUSES */ AND c."programmeId" = ${exercise.programmeId}
          AND NOT EXISTS (SELECT 1 FROM "Submission" s WHERE s."enrolmentId" = e.id AND s."exerciseId" = ${exercise.id})
          AND e."joinedAt" IS NOT NULL`;
  // personTimeZone, in SQL.
  const zone = Prisma.sql`COALESCE(p."timeZone", h."timeZone", ${exercise.programmeTimeZone})`;
  const zones = (
    await db.$queryRaw<{ zone: string }[]>`SELECT DISTINCT ${zone} AS zone FROM ${participants} WHERE ${unplanned}`
  ).map((row) => row.zone);
  if (zones.length === 0) return 0;
  const plans = zones.map(planIn);
  return db.$executeRaw`
        INSERT INTO "Submission" (id, "exerciseId", "enrolmentId", status, "releaseAt", "deadlineAt", "nextReminderAt", "createdAt", "updatedAt")
        SELECT replace(gen_random_uuid()::text, '-', ''), ${exercise.id}, e.id, 'planned'::"SubmissionStatus", z.release_at, z.deadline_at, z.next_reminder_at, ${now}, ${now}
        FROM ${participants}
          JOIN unnest(${zones}::text[], ${plans.map((plan) => plan.releaseAt)}::timestamptz[], ${plans.map((plan) => plan.deadlineAt)}::timestamptz[],
            ${plans.map((plan) => plan.nextReminderAt)}::timestamptz[]) AS z(zone, release_at, deadline_at, next_reminder_at) ON z.zone = ${zone}
        WHERE ${unplanned}
        ORDER BY e.id
        ON CONFLICT DO NOTHING`;
}
