import { findCohort } from '../cohorts/find-cohort.ts';
import type { Database } from '../database.ts';
import { applyOfflinePeriodStart } from './apply-offline-period-start.ts';
import type { OfflineVia } from './offline-period-types.ts';

/**
 * Pauses a cohort's schedule until someone resumes it: a cohort-wide period with no end, started
 * now (`Cohort.pausedAt` is the flag every sweep reads). Already paused: nothing new is made.
 * Throws NotFoundError or AmbiguousReferenceError for a cohort reference that names none or several.
 */
export async function pauseCohort(
  db: Database,
  request: { cohort: string; via: OfflineVia; createdById: string | null; now: Date },
): Promise<{ cohortId: string; cohortKey: string; alreadyPaused: boolean; periodId: string }> {
  const { now } = request;
  const cohort = await findCohort(db, request.cohort);
  return db.$transaction(async (tx) => {
    // Taking the cohort's row lock first: two pauses at once make one period.
    await tx.$executeRaw`SELECT id FROM "Cohort" WHERE id = ${cohort.id} FOR UPDATE`;
    const running = await tx.offlinePeriod.findFirst({
      where: { cohortId: cohort.id, hubId: null, personId: null, endsAt: null, endedAt: null },
      select: { id: true },
    });
    const base = { cohortId: cohort.id, cohortKey: cohort.key };
    if (running) {
      await tx.cohort.updateMany({ where: { id: cohort.id, pausedAt: null }, data: { pausedAt: now } });
      return { ...base, alreadyPaused: true, periodId: running.id };
    }
    const period = await tx.offlinePeriod.create({
      data: {
        cohortId: cohort.id,
        startsAt: now,
        endsAt: null,
        moveDeadlines: false,
        via: request.via,
        createdById: request.createdById,
        startedAt: now,
      },
    });
    await applyOfflinePeriodStart(tx, period, now);
    return { ...base, alreadyPaused: false, periodId: period.id };
  });
}
