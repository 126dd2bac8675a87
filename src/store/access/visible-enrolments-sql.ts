import { Prisma } from '../generated/client.ts';
import type { DashboardScope } from './visible-enrolments.ts';

/**
 * `visibleEnrolments` in SQL, for the enrolment alias `enrolment` joined to its person `person`:
 * the same rule (whole cohorts for staff, a mentor's (cohort, mentee) pairs, a trainer's hubs in
 * the cohort they run them in; never an erased person), for the queries Prisma cannot write
 * (searching names without accents). test/admin/participant-search.test.ts checks that both agree.
 */
export function visibleEnrolmentsSql(scope: DashboardScope, enrolment: Prisma.Sql, person: Prisma.Sql): Prisma.Sql {
  const present = Prisma.sql`${enrolment}.role = 'participant' AND ${person}."erasedAt" IS NULL`;
  if (scope.role === 'staff') {
    if (scope.cohortIds.length === 0) return Prisma.sql`FALSE`;
    return Prisma.sql`${present} AND ${enrolment}."cohortId" IN (${Prisma.join(scope.cohortIds)})`;
  }
  const ways = [
    ...(scope.mentees ?? []).map(
      ({ cohortId, menteeId }) =>
        Prisma.sql`(${enrolment}."cohortId" = ${cohortId} AND ${enrolment}."personId" = ${menteeId})`,
    ),
    ...(scope.hubs ?? []).map(
      ({ cohortId, hubId }) => Prisma.sql`(${enrolment}."cohortId" = ${cohortId} AND ${person}."hubId" = ${hubId})`,
    ),
  ];
  if (ways.length === 0) return Prisma.sql`FALSE`;
  return Prisma.sql`${present} AND (${Prisma.join(ways, ' OR ')})`;
}
