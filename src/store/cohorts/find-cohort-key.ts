import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';

/** A cohort's key in the programme file (e.g. promo-2027), by its id; NotFoundError when there is none. */
export async function findCohortKey(db: Database, cohortId: string): Promise<string> {
  const cohort = await db.cohort.findUnique({ where: { id: cohortId }, select: { key: true } });
  if (!cohort) throw new NotFoundError(`cohort ${cohortId} not found`);
  return cohort.key;
}
