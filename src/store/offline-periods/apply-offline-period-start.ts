import type { Prisma } from '../generated/client.ts';
import { moveDeadlines } from '../submissions/move-deadlines.ts';
import type { OfflinePeriodScope } from './offline-period-types.ts';
import { scopeCondition } from './scope-condition.ts';

/** A period being started: its scope, its bounds and whether deadlines move. */
export interface StartingPeriod extends OfflinePeriodScope {
  startsAt: Date;
  endsAt: Date | null;
  moveDeadlines: boolean;
}

/**
 * What a period's start does, in the caller's transaction (after it has claimed the start): a
 * whole cohort is paused by `Cohort.pausedAt`, which every sweep reads; a hub's or a person's
 * people get the enrolment status `paused` until the period's end (a longer pause already running
 * is kept: the later end wins), which every sweep skips. When asked, the deadlines falling in the
 * period move by its length. Returns how many people it concerns and how many deadlines moved.
 */
export async function applyOfflinePeriodStart(
  tx: Prisma.TransactionClient,
  period: StartingPeriod,
  now: Date,
): Promise<{ people: number; deadlinesMoved: number }> {
  let enrolmentIds: string[];
  if (!period.hubId && !period.personId) {
    await tx.cohort.updateMany({ where: { id: period.cohortId, pausedAt: null }, data: { pausedAt: now } });
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT e.id FROM "Enrolment" e JOIN "Person" p ON p.id = e."personId"
      WHERE ${scopeCondition(period)} AND e.status IN ('active', 'selected', 'paused') AND e."joinedAt" IS NOT NULL`;
    enrolmentIds = rows.map((row) => row.id);
  } else {
    const until = period.endsAt!;
    // statusBeforeStop keeps a selection decision, given back at the end (as PAUSE does).
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Enrolment" AS e
      SET "statusBeforeStop" = CASE WHEN e.status = 'paused' THEN e."statusBeforeStop" ELSE e.status END,
          "pausedUntil" = CASE WHEN e.status = 'paused' AND (e."pausedUntil" IS NULL OR e."pausedUntil" > ${until})
                               THEN e."pausedUntil" ELSE ${until} END,
          "statusChangedAt" = CASE WHEN e.status = 'paused' THEN e."statusChangedAt" ELSE ${now} END,
          status = 'paused', "updatedAt" = ${now}
      FROM "Person" AS p
      WHERE p.id = e."personId" AND ${scopeCondition(period)}
        AND e.status IN ('active', 'selected', 'paused') AND e."joinedAt" IS NOT NULL
      RETURNING e.id`;
    enrolmentIds = rows.map((row) => row.id);
  }
  const deadlinesMoved =
    period.moveDeadlines && period.endsAt
      ? await moveDeadlines(tx, {
          enrolmentIds,
          from: period.startsAt,
          to: period.endsAt,
          byMs: period.endsAt.getTime() - period.startsAt.getTime(),
          now,
        })
      : 0;
  return { people: enrolmentIds.length, deadlinesMoved };
}
