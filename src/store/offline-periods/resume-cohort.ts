import { findCohort } from '../cohorts/find-cohort.ts';
import type { Database } from '../database.ts';
import { moveDeadlines as moveDeadlinesOf } from '../submissions/move-deadlines.ts';
import { applyOfflinePeriodEnd } from './apply-offline-period-end.ts';
import { claimOfflinePeriodEnd } from './claim-offline-period-end.ts';

/**
 * Resumes a cohort's schedule now: ends its cohort-wide periods that are running, clears
 * `Cohort.pausedAt` (also a pause made before periods existed), drops the reminders that fell due
 * and plans one catch-up message per participant. With `moveDeadlines`, the deadlines not yet met
 * that fell during the pause move by its length. Throws NotFoundError or AmbiguousReferenceError.
 */
export async function resumeCohort(
  db: Database,
  request: { cohort: string; endedById: string | null; now: Date; moveDeadlines?: boolean },
): Promise<{ cohortId: string; cohortKey: string; wasPaused: boolean; people: number; deadlinesMoved: number }> {
  const { endedById, now } = request;
  const cohort = await findCohort(db, request.cohort);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT id FROM "Cohort" WHERE id = ${cohort.id} FOR UPDATE`;
    const { pausedAt } = await tx.cohort.findUniqueOrThrow({ where: { id: cohort.id }, select: { pausedAt: true } });
    const running = await tx.offlinePeriod.findMany({
      where: { cohortId: cohort.id, hubId: null, personId: null, startedAt: { not: null }, endedAt: null },
      orderBy: { startsAt: 'asc' },
    });
    const base = { cohortId: cohort.id, cohortKey: cohort.key };
    if (!pausedAt && running.length === 0) return { ...base, wasPaused: false, people: 0, deadlinesMoved: 0 };
    const since = running[0]?.startsAt ?? pausedAt!;
    let deadlinesMoved = 0;
    if (request.moveDeadlines) {
      const enrolments = await tx.enrolment.findMany({
        where: { cohortId: cohort.id, role: 'participant', status: { in: ['active', 'selected', 'paused'] } },
        select: { id: true },
      });
      deadlinesMoved = await moveDeadlinesOf(tx, {
        enrolmentIds: enrolments.map((e) => e.id),
        from: since,
        to: now,
        byMs: now.getTime() - since.getTime(),
        now,
      });
    }
    let people = 0;
    for (const period of running) {
      const claimed = await claimOfflinePeriodEnd(tx, { periodId: period.id, endedById, now });
      if (claimed) people = Math.max(people, await applyOfflinePeriodEnd(tx, claimed, now));
    }
    if (running.length === 0) {
      // A pause from before offline periods: ended as one would be.
      const legacy = { id: '', cohortId: cohort.id, hubId: null, personId: null, endsAt: null };
      people = await applyOfflinePeriodEnd(tx, legacy, now);
    }
    return { ...base, wasPaused: true, people, deadlinesMoved };
  });
}
