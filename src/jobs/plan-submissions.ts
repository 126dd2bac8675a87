import { z } from 'zod';
import { planSubmission } from '../domain/plan-submission.ts';
import type { ProgrammeSettings } from '../domain/programme/programme-definition.ts';
import { Prisma } from '../store/generated/client.ts';
import { defineJob } from './job-definition.ts';

/**
 * Plans every exercise for every active participant: one Submission row each, with its release,
 * deadline and first reminder computed in the participant's own time zone. Rows already there
 * are left alone (the unique index makes a second run add nothing), so the planner runs often
 * and newcomers are planned within minutes of joining.
 *
 * Why rows and sweeps rather than one BullMQ job scheduler per release: every participant has
 * their own instant (four time zones, daylight saving in Paris), pausing a cohort or a person
 * must stop what is due, and a row claimed with a conditional update is sent once across
 * restarts of any process. Job schedulers drive the sweeps themselves.
 */
export const planSubmissions = defineJob({
  name: 'plan-submissions',
  payload: z.object({}),
  repeat: { pattern: '*/10 * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, { db, logger, now, queues }) => {
    const exercises = await db.exercise.findMany({
      include: { phase: true, programme: { select: { settings: true } } },
    });
    let planned = 0;
    for (const exercise of exercises) {
      const schedule = {
        phaseStartsOn: exercise.phase.startsOn.toISOString().slice(0, 10),
        releaseRule: exercise.releaseRule,
        deadlineRule: exercise.deadlineRule,
        reminderOffsets: exercise.reminderOffsets,
      };
      const programmeZone = (exercise.programme.settings as unknown as ProgrammeSettings).timeZone;
      // Active participants of the programme not planned yet for this exercise, and their zone.
      const participants = Prisma.sql`"Enrolment" e
          JOIN "Cohort" c ON c.id = e."cohortId"
          JOIN "Person" p ON p.id = e."personId"
          LEFT JOIN "Hub" h ON h.id = p."hubId"`;
      // Not someone still joining this cohort (joinedAt is null until consent, hub and name are
      // all given): they are planned once they have finished, or never if they stop halfway.
      const unplanned = Prisma.sql`e.role = 'participant' AND e.status IN ('active', 'selected') /* FOLLOWED_STATUSES */ AND c."programmeId" = ${exercise.programmeId}
          AND NOT EXISTS (SELECT 1 FROM "Submission" s WHERE s."enrolmentId" = e.id AND s."exerciseId" = ${exercise.id})
          AND e."joinedAt" IS NOT NULL`;
      const zone = Prisma.sql`COALESCE(p."timeZone", h."timeZone", ${programmeZone})`;
      const zones = (
        await db.$queryRaw<{ zone: string }[]>`SELECT DISTINCT ${zone} AS zone FROM ${participants} WHERE ${unplanned}`
      ).map((row) => row.zone);
      if (zones.length === 0) continue;
      // Everyone in one time zone has the same instants: computed once per zone, written in one statement.
      const plans = zones.map((timeZone) => planSubmission(schedule, timeZone));
      planned += await db.$executeRaw`
        INSERT INTO "Submission" (id, "exerciseId", "enrolmentId", status, "releaseAt", "deadlineAt", "nextReminderAt", "createdAt", "updatedAt")
        SELECT replace(gen_random_uuid()::text, '-', ''), ${exercise.id}, e.id, 'planned'::"SubmissionStatus", z.release_at, z.deadline_at, z.next_reminder_at, ${now()}, ${now()}
        FROM ${participants}
          JOIN unnest(${zones}::text[], ${plans.map((plan) => plan.releaseAt)}::timestamptz[], ${plans.map((plan) => plan.deadlineAt)}::timestamptz[],
            ${plans.map((plan) => plan.nextReminderAt)}::timestamptz[]) AS z(zone, release_at, deadline_at, next_reminder_at) ON z.zone = ${zone}
        WHERE ${unplanned}
        ORDER BY e.id
        ON CONFLICT DO NOTHING`;
    }
    // Releases within the next minutes get their exact-instant job now; later ones, from the sweep.
    const soon = await db.submission.findMany({
      where: { status: 'planned', releaseAt: { lte: new Date(now().getTime() + 10 * 60 * 1000) } },
      select: { id: true, releaseAt: true },
    });
    await queues.releaseSubmissions(soon, now());
    if (planned > 0) logger.info({ planned }, 'submissions planned');
    return { planned };
  },
});
