import type { Database } from '../database.ts';
import type { OfflinePeriodView } from './offline-period-types.ts';
import { offlinePeriodInclude, offlinePeriodView } from './offline-period-view.ts';

/** How far back ended periods are listed, and how many at most. */
const RECENT_DAYS = 30;
const RECENT_MAX = 20;

/**
 * The cohorts' periods: current (soonest end first, open-ended last), upcoming (soonest start
 * first) and recent (ended or cancelled in the last 30 days, newest first).
 */
export async function listOfflinePeriods(
  db: Database,
  request: { cohortIds: string[]; now: Date },
): Promise<{ current: OfflinePeriodView[]; upcoming: OfflinePeriodView[]; recent: OfflinePeriodView[] }> {
  const { cohortIds, now } = request;
  const since = new Date(now.getTime() - RECENT_DAYS * 24 * 3600_000);
  const [open, ended] = await Promise.all([
    db.offlinePeriod.findMany({
      where: { cohortId: { in: cohortIds }, endedAt: null },
      include: offlinePeriodInclude,
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    }),
    db.offlinePeriod.findMany({
      where: { cohortId: { in: cohortIds }, endedAt: { gte: since } },
      include: offlinePeriodInclude,
      orderBy: [{ endedAt: 'desc' }, { id: 'asc' }],
      take: RECENT_MAX,
    }),
  ]);
  const enderIds = [...new Set(ended.flatMap((period) => (period.endedById ? [period.endedById] : [])))];
  const enders = await db.person.findMany({ where: { id: { in: enderIds } }, select: { id: true, displayName: true } });
  const enderName = new Map(enders.map((person) => [person.id, person.displayName]));
  const views = open.map((row) => offlinePeriodView(row, null, now));
  const endOf = (view: OfflinePeriodView) => view.endsAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return {
    current: views.filter((view) => view.state === 'current').sort((a, b) => endOf(a) - endOf(b)),
    upcoming: views.filter((view) => view.state === 'upcoming'),
    recent: ended.map((row) =>
      offlinePeriodView(row, row.endedById ? (enderName.get(row.endedById) ?? null) : null, now),
    ),
  };
}
