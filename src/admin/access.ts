import { NotFoundError } from '../store/errors.ts';
import { ForbiddenError } from './admin-errors.ts';
import type { Viewer } from './viewer.ts';

/** Staff pages: mentors are refused with 403. */
export function assertStaff(viewer: Viewer): void {
  if (viewer.role !== 'staff') throw new ForbiddenError('staff only');
}

/** 404 unless the cohort is one of the viewer's. */
export function assertCanSeeCohort(viewer: Viewer, cohortId: string): void {
  if (!viewer.cohortIds.includes(cohortId)) throw new NotFoundError(`cohort ${cohortId} is not visible`);
}

/** The cohort a page shows: the one asked for (404 unless the viewer's), else the viewer's first. */
export function viewerCohort(viewer: Viewer, requested: string | undefined): string {
  const cohortId = requested ?? viewer.cohortIds[0];
  if (!cohortId) throw new NotFoundError('the viewer has no cohort');
  assertCanSeeCohort(viewer, cohortId);
  return cohortId;
}
