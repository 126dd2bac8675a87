import { Prisma } from '../generated/client.ts';
import { dropMissedReminders } from '../submissions/drop-missed-reminders.ts';
import type { OfflinePeriodScope } from './offline-period-types.ts';
import { scopeCondition } from './scope-condition.ts';

/** A period being ended: its id (other periods are looked at), scope and planned end. */
export interface EndingPeriod extends OfflinePeriodScope {
  id: string;
  endsAt: Date | null;
}

/**
 * What a period's end does, in the caller's transaction (after it has claimed the end): its people
 * come back — unless another period still running holds them, whose end then counts (the later
 * end wins) —, reminders that fell due meanwhile are dropped, and each person is marked for one
 * catch-up message (`catchUpDueAt`), which also holds their releases until it is sent. Returns how
 * many people came back.
 */
export async function applyOfflinePeriodEnd(
  tx: Prisma.TransactionClient,
  period: EndingPeriod,
  now: Date,
): Promise<number> {
  let enrolmentIds: string[];
  if (!period.hubId && !period.personId) {
    const stillPaused = await tx.offlinePeriod.count({
      where: {
        cohortId: period.cohortId,
        hubId: null,
        personId: null,
        id: { not: period.id },
        startedAt: { not: null },
        endedAt: null,
      },
    });
    if (stillPaused > 0) return 0;
    await tx.cohort.update({ where: { id: period.cohortId }, data: { pausedAt: null } });
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Enrolment" AS e SET "catchUpDueAt" = ${now}, "updatedAt" = ${now}
      FROM "Person" AS p
      WHERE p.id = e."personId" AND ${scopeCondition(period)}
        AND e.status IN ('active', 'selected') /* FOLLOWED_STATUSES */ AND e."joinedAt" IS NOT NULL
      RETURNING e.id`;
    enrolmentIds = rows.map((row) => row.id);
  } else {
    // The period's people still paused (a STOP since then is left as it is).
    const holding = Prisma.sql`SELECT e.id FROM "Enrolment" e JOIN "Person" p ON p.id = e."personId"
      WHERE ${scopeCondition(period)} AND e.status = 'paused'`;
    // Held on by another period: its end becomes theirs.
    await tx.$executeRaw`
      UPDATE "Enrolment" AS e SET "pausedUntil" = held.until, "updatedAt" = ${now}
      FROM (
        SELECT e2.id, MAX(o."endsAt") AS until FROM "Enrolment" e2 JOIN "Person" p2 ON p2.id = e2."personId"
          JOIN "OfflinePeriod" o ON o."cohortId" = e2."cohortId" AND o.id <> ${period.id}
            AND o."startedAt" IS NOT NULL AND o."endedAt" IS NULL
            AND (o."personId" = e2."personId" OR (o."personId" IS NULL AND o."hubId" = p2."hubId"))
        WHERE e2.id IN (${holding}) GROUP BY e2.id
      ) AS held
      WHERE e.id = held.id`;
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Enrolment" AS e
      SET status = COALESCE(e."statusBeforeStop", 'active'::"EnrolmentStatus"), "statusBeforeStop" = NULL,
          "pausedUntil" = NULL, "catchUpDueAt" = ${now}, "statusChangedAt" = ${now}, "updatedAt" = ${now}
      WHERE e.id IN (${holding})
        AND (e."pausedUntil" IS NULL OR e."pausedUntil" <= ${period.endsAt ?? now})
        AND NOT EXISTS (
          SELECT 1 FROM "OfflinePeriod" o JOIN "Person" p3 ON p3.id = e."personId"
          WHERE o."cohortId" = e."cohortId" AND o.id <> ${period.id} AND o."startedAt" IS NOT NULL AND o."endedAt" IS NULL
            AND (o."personId" = e."personId" OR (o."personId" IS NULL AND o."hubId" = p3."hubId")))
      RETURNING e.id`;
    enrolmentIds = rows.map((row) => row.id);
  }
  await dropMissedReminders(tx, enrolmentIds, now);
  return enrolmentIds.length;
}
