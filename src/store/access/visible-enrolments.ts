import type { Prisma } from '../generated/client.ts';

/**
 * What a dashboard viewer may see: staff see whole cohorts (`mentees` is null); a mentor sees
 * exactly the (cohort, mentee) pairs of their current assignments.
 */
export interface DashboardScope {
  role: 'staff' | 'mentor';
  cohortIds: string[];
  mentees: { cohortId: string; menteeId: string }[] | null;
}

/**
 * Participant enrolments the viewer may see: whole cohorts for staff; for a mentor, exactly the
 * (cohort, mentee) pairs of their current assignments — mentoring A in one cohort and B in
 * another shows neither A's enrolment in the second cohort nor B's in the first. Never those of
 * a person who erased their data: they are in no list, count, page or export of the dashboard.
 */
export function visibleEnrolments(scope: DashboardScope): Prisma.EnrolmentWhereInput {
  const present = { person: { erasedAt: null } };
  if (scope.role === 'staff') return { role: 'participant', cohortId: { in: scope.cohortIds }, ...present };
  const pairs = scope.mentees ?? [];
  // An empty OR matches nothing, but an explicit empty list says so plainly.
  if (pairs.length === 0) return { id: { in: [] } };
  return {
    role: 'participant',
    OR: pairs.map(({ cohortId, menteeId }) => ({ cohortId, personId: menteeId })),
    ...present,
  };
}
