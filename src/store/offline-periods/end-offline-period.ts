import type { Database } from '../database.ts';
import { applyOfflinePeriodEnd } from './apply-offline-period-end.ts';
import { claimOfflinePeriodEnd } from './claim-offline-period-end.ts';

/**
 * Ends a period now: one that had started ends early (people back, missed reminders dropped, a
 * catch-up message each); one that had not started is cancelled and nothing else happens.
 * `endedById` records who; the dashboard audits.
 */
export async function endOfflinePeriod(
  db: Database,
  request: { periodId: string; endedById: string | null; now: Date },
): Promise<
  | { ok: true; outcome: 'ended' | 'cancelled'; cohortId: string; people: number }
  | { ok: false; reason: 'not_found' | 'already_ended' }
> {
  const { periodId, endedById, now } = request;
  return db.$transaction(async (tx) => {
    const claimed = await claimOfflinePeriodEnd(tx, { periodId, endedById, now });
    if (!claimed) {
      const exists = await tx.offlinePeriod.findUnique({ where: { id: periodId }, select: { id: true } });
      return { ok: false as const, reason: exists ? ('already_ended' as const) : ('not_found' as const) };
    }
    if (!claimed.startedAt)
      return { ok: true as const, outcome: 'cancelled' as const, cohortId: claimed.cohortId, people: 0 };
    const people = await applyOfflinePeriodEnd(tx, claimed, now);
    return { ok: true as const, outcome: 'ended' as const, cohortId: claimed.cohortId, people };
  });
}
