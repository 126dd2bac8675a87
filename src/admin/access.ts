import type { Database } from '../store/database.ts';
import type { Prisma } from '../store/generated/client.ts';
import { ForbiddenError, NotFoundError } from './admin-errors.ts';
import type { Viewer } from './viewer.ts';

/** Staff pages: mentors are refused with 403. */
export function assertStaff(viewer: Viewer): void {
  if (viewer.role !== 'staff') throw new ForbiddenError('staff only');
}

/** 404 unless the cohort is one of the viewer's. */
export function assertCanSeeCohort(viewer: Viewer, cohortId: string): void {
  if (!viewer.cohortIds.includes(cohortId)) throw new NotFoundError(`cohort ${cohortId} is not visible`);
}

/**
 * 404 unless the person is a participant in one of the viewer's cohorts (staff) or one of the
 * viewer's current mentees (mentor).
 */
export async function assertCanSeePerson(db: Database, viewer: Viewer, personId: string): Promise<void> {
  const visible = await db.enrolment.count({ where: { AND: [visibleEnrolments(viewer), { personId }] } });
  if (visible === 0) throw new NotFoundError(`person ${personId} is not visible`);
}

/** Participant enrolments the viewer may see: whole cohorts for staff, their mentees for a mentor. */
export function visibleEnrolments(viewer: Viewer): Prisma.EnrolmentWhereInput {
  const inCohorts: Prisma.EnrolmentWhereInput = { role: 'participant', cohortId: { in: viewer.cohortIds } };
  if (viewer.role === 'staff') return inCohorts;
  return { ...inCohorts, personId: { in: viewer.menteeIds ?? [] } };
}
