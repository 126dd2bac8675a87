import { FOLLOWED_STATUSES } from '../../domain/followed-statuses.ts';
import type { Database } from '../database.ts';

/**
 * The participants an exercise released by hand goes to in these cohorts: followed (active or
 * selected), done joining, neither stopped nor erased.
 */
export async function listReleaseEnrolments(
  db: Database,
  cohortIds: string[],
): Promise<{ id: string; personId: string }[]> {
  return db.enrolment.findMany({
    where: {
      cohortId: { in: cohortIds },
      role: 'participant',
      status: { in: [...FOLLOWED_STATUSES] },
      joinedAt: { not: null },
      person: { optedOutAt: null, erasedAt: null },
    },
    select: { id: true, personId: true },
  });
}
