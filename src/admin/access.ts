import { cohortIdsWithKey } from '../store/cohorts/cohort-ids-with-key.ts';
import type { Database } from '../store/database.ts';
import { NotFoundError } from '../store/errors.ts';
import { BadRequestError, ForbiddenError } from './admin-errors.ts';
import type { Viewer } from './viewer.ts';

/** Staff pages: mentors and trainers are refused with 403. */
export function assertStaff(viewer: Viewer): void {
  if (viewer.role !== 'staff') throw new ForbiddenError('staff only');
}

/** Pages of staff and of trainers (who see them for their hubs only): mentors are refused with 403. */
export function assertStaffOrTrainer(viewer: Viewer): void {
  if (viewer.role !== 'staff' && viewer.role !== 'trainer') throw new ForbiddenError('staff and trainers only');
}

/** 404 unless the cohort is one of the viewer's. */
export function assertCanSeeCohort(viewer: Viewer, cohortId: string): void {
  if (!viewer.cohortIds.includes(cohortId)) throw new NotFoundError(`cohort ${cohortId} is not visible`);
}

/**
 * The id of the cohort a page shows: the one asked for, by its id or, as on the command line, by
 * its key (promo-2027), 404 unless it is one of the viewer's; else the viewer's first.
 */
export async function viewerCohort(db: Database, viewer: Viewer, requested: string | undefined): Promise<string> {
  if (requested === undefined || requested === '') {
    const first = viewer.cohortIds[0];
    if (!first) throw new NotFoundError('the viewer has no cohort');
    return first;
  }
  if (viewer.cohortIds.includes(requested)) return requested;
  const [byKey, ...others] = await cohortIdsWithKey(db, requested, viewer.cohortIds);
  if (!byKey) throw new NotFoundError(`cohort ${requested} is not visible`);
  if (others.length > 0)
    throw new BadRequestError(`several of the viewer's cohorts have the key "${requested}"; give its id`, {
      key: 'dashboard:error_cohort_key_ambiguous',
      values: { key: requested },
    });
  return byKey;
}
