import { Prisma } from '../generated/client.ts';
import type { OfflinePeriodScope } from './offline-period-types.ts';

/**
 * The SQL condition on an enrolment `e` and its person `p` for the people a period covers: the
 * cohort's participants, those of one hub (the person's hub), or one person in any role (a mentor
 * may pause too). Followed status and joining are checked by the callers, which differ on them.
 */
export function scopeCondition(scope: OfflinePeriodScope): Prisma.Sql {
  if (scope.personId) return Prisma.sql`e."cohortId" = ${scope.cohortId} AND e."personId" = ${scope.personId}`;
  if (scope.hubId)
    return Prisma.sql`e."cohortId" = ${scope.cohortId} AND e.role = 'participant' AND p."hubId" = ${scope.hubId}`;
  return Prisma.sql`e."cohortId" = ${scope.cohortId} AND e.role = 'participant'`;
}
