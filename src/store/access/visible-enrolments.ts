import type { Prisma } from '../generated/client.ts';

/** A hub a trainer runs, in one cohort. */
export interface TrainerHubInCohort {
  cohortId: string;
  hubId: string;
}

/**
 * What a dashboard viewer may see: staff see whole cohorts (`mentees` and `hubs` are null); a
 * mentor sees exactly the (cohort, mentee) pairs of their current assignments; a trainer sees the
 * participants of the hubs they run, each in its cohort (and their mentees, if they mentor too).
 */
export interface DashboardScope {
  role: 'staff' | 'mentor' | 'trainer';
  cohortIds: string[];
  mentees: { cohortId: string; menteeId: string }[] | null;
  /** Trainers only: the hubs they run, each in one cohort. Null for staff and mentors. */
  hubs: TrainerHubInCohort[] | null;
}

/**
 * Participant enrolments the viewer may see: whole cohorts for staff; for a mentor, exactly the
 * (cohort, mentee) pairs of their current assignments — mentoring A in one cohort and B in
 * another shows neither A's enrolment in the second cohort nor B's in the first; for a trainer,
 * the participants attached to one of their hubs in the cohort they run it in. Never those of a
 * person who erased their data: they are in no list, count, page or export of the dashboard.
 */
export function visibleEnrolments(scope: DashboardScope): Prisma.EnrolmentWhereInput {
  const present = { person: { erasedAt: null } };
  if (scope.role === 'staff') return { role: 'participant', cohortId: { in: scope.cohortIds }, ...present };
  const ways: Prisma.EnrolmentWhereInput[] = [
    ...(scope.mentees ?? []).map(({ cohortId, menteeId }) => ({ cohortId, personId: menteeId })),
    ...(scope.hubs ?? []).map(({ cohortId, hubId }) => ({ cohortId, person: { hubId } })),
  ];
  // An empty OR matches nothing, but an explicit empty list says so plainly.
  if (ways.length === 0) return { id: { in: [] } };
  return { role: 'participant', OR: ways, ...present };
}
