import type { Prisma } from '../generated/client.ts';
import type { DashboardScope } from './visible-enrolments.ts';

/**
 * The hubs whose people a viewer sees in one cohort (or in any of theirs): a trainer's own hubs;
 * null for staff, who see every hub; none for a mentor, who sees people, not hubs.
 */
export function visibleHubIds(scope: DashboardScope, cohortId?: string): string[] | null {
  if (scope.role === 'staff') return null;
  const hubs = (scope.hubs ?? []).filter((hub) => cohortId === undefined || hub.cohortId === cohortId);
  return [...new Set(hubs.map((hub) => hub.hubId))];
}

/**
 * Session venues a viewer may see among their programmes' sessions: every venue for staff; for a
 * trainer, those held in one of their hubs (never another hub's, nor the online one); none for a
 * mentor. Undefined means no filter (staff), so that their queries stay as they were.
 */
export function visibleVenues(scope: DashboardScope): Prisma.SessionVenueWhereInput | undefined {
  const hubIds = visibleHubIds(scope);
  return hubIds === null ? undefined : { hubId: { in: hubIds } };
}
