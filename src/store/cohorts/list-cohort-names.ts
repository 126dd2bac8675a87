import type { Database } from '../database.ts';

/** The names of the cohorts given, oldest first (for the dashboard's cohort picker). */
export async function listCohortNames(db: Database, cohortIds: string[]): Promise<{ id: string; name: unknown }[]> {
  return db.cohort.findMany({
    where: { id: { in: cohortIds } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, name: true },
  });
}
