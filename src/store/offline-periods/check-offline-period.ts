import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';
import type { OfflinePeriodRefusal } from './offline-period-types.ts';

/** What a new period asks for, before it is checked. */
export interface OfflinePeriodRequest {
  cohortId: string;
  hubId?: string | null;
  personId?: string | null;
  startsAt: Date;
  endsAt: Date | null;
  now: Date;
}

/**
 * Checks a period before it is previewed or created: its end after its start and still to come
 * (none only for a whole cohort, paused until resumed), its hub one of the cohort's programme, its
 * person enrolled in the cohort.
 */
export async function checkOfflinePeriod(
  tx: Prisma.TransactionClient | Database,
  request: OfflinePeriodRequest,
): Promise<{ ok: true } | { ok: false; refusal: OfflinePeriodRefusal }> {
  const { cohortId, hubId, personId, startsAt, endsAt, now } = request;
  const cohort = await tx.cohort.findUnique({ where: { id: cohortId }, select: { programmeId: true } });
  if (!cohort) return { ok: false, refusal: { reason: 'cohort_not_found', field: 'cohort' } };
  if (hubId && personId) return { ok: false, refusal: { reason: 'hub_and_person', field: 'scope' } };
  if (hubId) {
    const hub = await tx.hub.findFirst({ where: { id: hubId, programmeId: cohort.programmeId }, select: { id: true } });
    if (!hub) return { ok: false, refusal: { reason: 'hub_not_in_cohort', field: 'hub' } };
  }
  if (personId) {
    const enrolment = await tx.enrolment.findUnique({
      where: { personId_cohortId: { personId, cohortId } },
      select: { id: true },
    });
    if (!enrolment) return { ok: false, refusal: { reason: 'person_not_in_cohort', field: 'person' } };
  }
  if (endsAt === null) {
    return hubId || personId ? { ok: false, refusal: { reason: 'end_required', field: 'endsAt' } } : { ok: true };
  }
  if (endsAt <= startsAt) return { ok: false, refusal: { reason: 'end_before_start', field: 'endsAt' } };
  if (endsAt <= now) return { ok: false, refusal: { reason: 'end_in_past', field: 'endsAt' } };
  return { ok: true };
}
