import type { Database } from '../database.ts';
import type { DashboardScope } from '../access/visible-enrolments.ts';

/**
 * What the participants page offers to filter on: the viewer's cohorts and the hubs (with their
 * country) whose participants they may see — staff, every hub of their programmes; a trainer,
 * the hubs they run, never another's name.
 */
export async function listParticipantFilters(db: Database, scope: DashboardScope) {
  const cohorts = await db.cohort.findMany({
    where: { id: { in: scope.cohortIds } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, name: true },
  });
  const hubs = await db.hub.findMany({
    where:
      scope.role === 'staff'
        ? { programme: { cohorts: { some: { id: { in: scope.cohortIds } } } } }
        : { id: { in: (scope.hubs ?? []).map((hub) => hub.hubId) } },
    orderBy: { key: 'asc' },
    select: { id: true, name: true, country: true },
  });
  return { cohorts, hubs };
}

export type ParticipantFilters = Awaited<ReturnType<typeof listParticipantFilters>>;
