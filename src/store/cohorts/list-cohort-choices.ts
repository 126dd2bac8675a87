import type { Database } from '../database.ts';

/** Every cohort, oldest first, with its programme's key: what a command offers when none is named. */
export async function listCohortChoices(db: Database): Promise<{ id: string; key: string; programmeKey: string }[]> {
  const cohorts = await db.cohort.findMany({
    orderBy: { createdAt: 'asc' },
    select: { id: true, key: true, programme: { select: { key: true } } },
  });
  return cohorts.map((cohort) => ({ id: cohort.id, key: cohort.key, programmeKey: cohort.programme.key }));
}
