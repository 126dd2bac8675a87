import type { Database } from '../database.ts';
import { applyOfflinePeriodStart } from './apply-offline-period-start.ts';
import { checkOfflinePeriod, type OfflinePeriodRequest } from './check-offline-period.ts';
import type { OfflinePeriodRefusal, OfflinePeriodView, OfflineVia } from './offline-period-types.ts';
import { offlinePeriodInclude, offlinePeriodView } from './offline-period-view.ts';

/**
 * Records an offline period for a whole cohort, one hub of it or one person. One whose start has
 * come starts in this same call (people paused, deadlines moved when asked); a later one is
 * started by the `offline-periods-due` sweep. `createdById` records who; the dashboard audits.
 */
export async function createOfflinePeriod(
  db: Database,
  request: OfflinePeriodRequest & {
    moveDeadlines: boolean;
    via: OfflineVia;
    createdById: string | null;
  },
): Promise<
  | { ok: true; period: OfflinePeriodView; people: number; deadlinesMoved: number }
  | { ok: false; refusal: OfflinePeriodRefusal }
> {
  const { now } = request;
  return db.$transaction(async (tx) => {
    const checked = await checkOfflinePeriod(tx, request);
    if (!checked.ok) return checked;
    const created = await tx.offlinePeriod.create({
      data: {
        cohortId: request.cohortId,
        hubId: request.hubId ?? null,
        personId: request.personId ?? null,
        startsAt: request.startsAt,
        endsAt: request.endsAt,
        moveDeadlines: request.moveDeadlines,
        via: request.via,
        createdById: request.createdById,
      },
    });
    let started = { people: 0, deadlinesMoved: 0 };
    if (created.startsAt <= now) {
      await tx.offlinePeriod.update({ where: { id: created.id }, data: { startedAt: now } });
      started = await applyOfflinePeriodStart(tx, created, now);
    } else {
      started.people = await countConcerned(tx, created);
    }
    const row = await tx.offlinePeriod.findUniqueOrThrow({ where: { id: created.id }, include: offlinePeriodInclude });
    return { ok: true as const, period: offlinePeriodView(row, null, now), ...started };
  });
}

async function countConcerned(
  tx: Parameters<Parameters<Database['$transaction']>[0]>[0],
  period: { cohortId: string; hubId: string | null; personId: string | null },
): Promise<number> {
  return tx.enrolment.count({
    where: {
      cohortId: period.cohortId,
      status: { in: ['active', 'selected', 'paused'] },
      joinedAt: { not: null },
      ...(period.personId ? { personId: period.personId } : { role: 'participant' }),
      ...(period.hubId ? { person: { hubId: period.hubId } } : {}),
    },
  });
}
