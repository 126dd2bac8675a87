import type { Database } from '../database.ts';
import type { DashboardScope } from '../access/visible-enrolments.ts';
import { visibleEnrolmentsSql } from '../access/visible-enrolments-sql.ts';
import { Prisma } from '../generated/client.ts';

/**
 * What the participants page offers to filter on: the viewer's cohorts and the hubs (with their
 * country) whose participants they may see — staff, every hub of their programmes; a trainer,
 * the hubs they run, never another's name — and the countries those participants live in (their
 * hubs' and those they gave themselves).
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
  const own = await db.$queryRaw<{ country: string }[]>`
    SELECT DISTINCT p.country FROM "Enrolment" e JOIN "Person" p ON p.id = e."personId"
    WHERE ${visibleEnrolmentsSql(scope, Prisma.sql`e`, Prisma.sql`p`)} AND p.country IS NOT NULL`;
  const countries = [...new Set([...hubs.map((hub) => hub.country), ...own.map((row) => row.country)])].sort();
  return { cohorts, hubs, countries };
}

export type ParticipantFilters = Awaited<ReturnType<typeof listParticipantFilters>>;
