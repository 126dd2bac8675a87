import type { Database } from '../database.ts';
import { applyOfflinePeriodEnd } from './apply-offline-period-end.ts';
import { applyOfflinePeriodStart } from './apply-offline-period-start.ts';
import { claimOfflinePeriodEnd } from './claim-offline-period-end.ts';

/** Periods one sweep starts or ends at most; the rest wait a minute. */
const BATCH = 100;

/**
 * Starts the periods whose start has come and ends those whose end has come, each in its own
 * transaction behind a conditional update (startedAt, then endedAt, still null): two sweeps at
 * once never start or end one twice. Returns how many started and ended.
 */
export async function applyDueOfflinePeriods(db: Database, now: Date): Promise<{ started: number; ended: number }> {
  let started = 0;
  const toStart = await db.offlinePeriod.findMany({
    where: { startedAt: null, endedAt: null, startsAt: { lte: now } },
    orderBy: { startsAt: 'asc' },
    take: BATCH,
  });
  for (const period of toStart) {
    const done = await db.$transaction(async (tx) => {
      const claim = await tx.offlinePeriod.updateMany({
        where: { id: period.id, startedAt: null, endedAt: null },
        data: { startedAt: now },
      });
      if (claim.count === 0) return false;
      await applyOfflinePeriodStart(tx, period, now);
      return true;
    });
    if (done) started++;
  }
  let ended = 0;
  const toEnd = await db.offlinePeriod.findMany({
    where: { startedAt: { not: null }, endedAt: null, endsAt: { lte: now } },
    orderBy: { endsAt: 'asc' },
    select: { id: true },
    take: BATCH,
  });
  for (const period of toEnd) {
    const done = await db.$transaction(async (tx) => {
      const claimed = await claimOfflinePeriodEnd(tx, { periodId: period.id, endedById: null, now });
      if (!claimed) return false;
      await applyOfflinePeriodEnd(tx, claimed, now);
      return true;
    });
    if (done) ended++;
  }
  return { started, ended };
}
