import type { Database } from '../database.ts';

/** An enrolment whose catch-up message is due: the instant compared when it is claimed. */
export interface DueCatchUp {
  enrolmentId: string;
  catchUpDueAt: Date;
}

/**
 * Up to `limit` enrolments back from a pause or an offline period whose catch-up message is due
 * and may go: followed, done joining, cohort not paused, person neither stopped nor erased.
 */
export async function listDueCatchUps(db: Database, now: Date, limit: number): Promise<DueCatchUp[]> {
  const due = await db.enrolment.findMany({
    where: {
      catchUpDueAt: { lte: now },
      status: { in: ['active', 'selected'] /* FOLLOWED_STATUSES */ },
      joinedAt: { not: null },
      cohort: { pausedAt: null },
      person: { optedOutAt: null, erasedAt: null },
    },
    select: { id: true, catchUpDueAt: true },
    orderBy: { catchUpDueAt: 'asc' },
    take: limit,
  });
  return due.map((row) => ({ enrolmentId: row.id, catchUpDueAt: row.catchUpDueAt! }));
}
