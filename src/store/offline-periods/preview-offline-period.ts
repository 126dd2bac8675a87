import type { LocalizedText } from '../../domain/programme/language.ts';
import type { Database } from '../database.ts';
import { checkOfflinePeriod, type OfflinePeriodRequest } from './check-offline-period.ts';
import type { OfflinePeriodRefusal, OfflinePersonConcerned } from './offline-period-types.ts';

/**
 * What a period would do, without writing anything: the people it concerns (followed and done
 * joining; a person already paused counts) by name, and how many of their deadlines not yet met
 * fall in it (those that would move when the box is ticked; none for an open-ended pause).
 */
export async function previewOfflinePeriod(
  db: Database,
  request: OfflinePeriodRequest,
): Promise<
  { ok: true; people: OfflinePersonConcerned[]; deadlinesToMove: number } | { ok: false; refusal: OfflinePeriodRefusal }
> {
  const checked = await checkOfflinePeriod(db, request);
  if (!checked.ok) return checked;
  const { cohortId, hubId, personId, startsAt, endsAt } = request;
  const enrolments = await db.enrolment.findMany({
    where: {
      cohortId,
      status: { in: ['active', 'selected', 'paused'] },
      joinedAt: { not: null },
      ...(personId ? { personId } : { role: 'participant' }),
      ...(hubId ? { person: { hubId } } : {}),
    },
    select: { id: true, personId: true, person: { select: { displayName: true, hub: { select: { name: true } } } } },
    orderBy: [{ person: { displayName: 'asc' } }, { id: 'asc' }],
  });
  const deadlinesToMove = endsAt
    ? await db.submission.count({
        where: {
          enrolmentId: { in: enrolments.map((e) => e.id) },
          status: { in: ['planned', 'open', 'in_progress'] },
          deadlineAt: { gte: startsAt, lte: endsAt },
        },
      })
    : 0;
  return {
    ok: true,
    people: enrolments.map((e) => ({
      personId: e.personId,
      enrolmentId: e.id,
      displayName: e.person.displayName,
      hubName: (e.person.hub?.name as LocalizedText | undefined) ?? null,
    })),
    deadlinesToMove,
  };
}
