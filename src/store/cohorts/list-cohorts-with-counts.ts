import type { Database } from '../database.ts';
import { visibleEnrolments, type DashboardScope } from '../access/visible-enrolments.ts';

/** A cohort on the dashboard's landing page, with how many of its participants the viewer sees, by status. */
export interface CohortWithCounts {
  id: string;
  name: unknown;
  programmeName: unknown;
  pausedAt: Date | null;
  /** Participants the viewer may see, by enrolment status. */
  byStatus: Record<string, number>;
}

/** The viewer's cohorts, oldest first, each with its visible participants counted by status. */
export async function listCohortsWithCounts(db: Database, scope: DashboardScope): Promise<CohortWithCounts[]> {
  const cohorts = await db.cohort.findMany({
    where: { id: { in: scope.cohortIds } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, name: true, pausedAt: true, programme: { select: { name: true } } },
  });
  const counts = await db.enrolment.groupBy({
    by: ['cohortId', 'status'],
    where: visibleEnrolments(scope),
    _count: { _all: true },
  });
  return cohorts.map((cohort) => ({
    id: cohort.id,
    name: cohort.name,
    programmeName: cohort.programme.name,
    pausedAt: cohort.pausedAt,
    byStatus: Object.fromEntries(
      counts.filter((row) => row.cohortId === cohort.id).map((row) => [row.status, row._count._all]),
    ),
  }));
}
