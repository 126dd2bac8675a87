import type { Database } from '../database.ts';

/** The ids of the cohorts, among `cohortIds`, whose key in the programme file is `key` (e.g. promo-2027). */
export async function cohortIdsWithKey(db: Database, key: string, cohortIds: string[]): Promise<string[]> {
  const cohorts = await db.cohort.findMany({ where: { key, id: { in: cohortIds } }, select: { id: true } });
  return cohorts.map((cohort) => cohort.id);
}
