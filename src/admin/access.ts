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
 * 404 unless the person is a participant the viewer may see (staff: in one of their cohorts;
 * mentor: a current mentee). The person is matched *within* `visibleEnrolments`, never in place
 * of its own filter, so a mentor cannot reach another mentor's mentee. Seeing a person does not
 * mean seeing all of them: what is shown of them must still be read through `visibleEnrolments`.
 */
export async function assertCanSeePerson(db: Database, viewer: Viewer, personId: string): Promise<void> {
  const visible = await db.enrolment.count({ where: { AND: [visibleEnrolments(viewer), { personId }] } });
  if (visible === 0) throw new NotFoundError(`person ${personId} is not visible`);
}

/**
 * Participant enrolments the viewer may see: whole cohorts for staff; for a mentor, exactly the
 * (cohort, mentee) pairs of their current assignments — mentoring A in one cohort and B in
 * another shows neither A's enrolment in the second cohort nor B's in the first.
 */
export function visibleEnrolments(viewer: Viewer): Prisma.EnrolmentWhereInput {
  if (viewer.role === 'staff') return { role: 'participant', cohortId: { in: viewer.cohortIds } };
  const pairs = viewer.mentees ?? [];
  // An empty OR matches nothing, but an explicit empty list says so plainly.
  if (pairs.length === 0) return { id: { in: [] } };
  return { role: 'participant', OR: pairs.map(({ cohortId, menteeId }) => ({ cohortId, personId: menteeId })) };
}
