import type { LocalizedText } from '../../domain/programme/language.ts';
import type { Prisma } from '../generated/client.ts';
import type { OfflinePeriodState, OfflinePeriodView, OfflineScope, OfflineVia } from './offline-period-types.ts';

/** What a period's row is read with, to be shown. */
export const offlinePeriodInclude = {
  hub: { select: { name: true, timeZone: true } },
  person: { select: { displayName: true, timeZone: true, hub: { select: { timeZone: true } } } },
  createdBy: { select: { displayName: true } },
} satisfies Prisma.OfflinePeriodInclude;

type OfflinePeriodRow = Prisma.OfflinePeriodGetPayload<{ include: typeof offlinePeriodInclude }>;

export function offlinePeriodScope(period: { hubId: string | null; personId: string | null }): OfflineScope {
  if (period.personId) return 'person';
  return period.hubId ? 'hub' : 'cohort';
}

export function offlinePeriodState(
  period: { startsAt: Date; startedAt: Date | null; endedAt: Date | null },
  now: Date,
): OfflinePeriodState {
  if (period.endedAt) return period.startedAt ? 'ended' : 'cancelled';
  // A start that has come counts as current even before the sweep applies it (at most a minute).
  return period.startedAt || period.startsAt <= now ? 'current' : 'upcoming';
}

export function offlinePeriodView(row: OfflinePeriodRow, endedByName: string | null, now: Date): OfflinePeriodView {
  return {
    id: row.id,
    cohortId: row.cohortId,
    scope: offlinePeriodScope(row),
    hubId: row.hubId,
    hubName: (row.hub?.name as LocalizedText | undefined) ?? null,
    // A person's period is typed and shown in their own zone (else their hub's), as the form reads it.
    hubTimeZone: row.hub?.timeZone ?? row.person?.timeZone ?? row.person?.hub?.timeZone ?? null,
    personId: row.personId,
    personName: row.person?.displayName ?? null,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    moveDeadlines: row.moveDeadlines,
    via: row.via as OfflineVia,
    createdByName: row.createdBy?.displayName ?? null,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    endedByName,
    state: offlinePeriodState(row, now),
  };
}
