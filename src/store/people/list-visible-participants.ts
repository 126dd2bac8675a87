import type { Database } from '../database.ts';
import { visibleEnrolments, type DashboardScope } from '../access/visible-enrolments.ts';

/** The participants the viewer may see, one row per enrolment, by cohort (oldest first) then name. */
export async function listVisibleParticipants(db: Database, scope: DashboardScope) {
  return db.enrolment.findMany({
    where: visibleEnrolments(scope),
    orderBy: [{ cohort: { createdAt: 'asc' } }, { person: { displayName: 'asc' } }],
    select: {
      status: true,
      cohortId: true,
      cohort: { select: { name: true } },
      person: { select: { id: true, displayName: true, hub: { select: { name: true } } } },
    },
  });
}

export type VisibleParticipant = Awaited<ReturnType<typeof listVisibleParticipants>>[number];
