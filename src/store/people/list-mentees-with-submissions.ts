import type { Database } from '../database.ts';
import { visibleEnrolments, type DashboardScope } from '../access/visible-enrolments.ts';

/** A mentor's mentees by name, each with whether they are slipping and their handed-in and missed submissions. */
export async function listMenteesWithSubmissions(db: Database, scope: DashboardScope) {
  return db.enrolment.findMany({
    where: visibleEnrolments(scope),
    orderBy: { person: { displayName: 'asc' } },
    select: {
      status: true,
      slippingAlertedAt: true,
      cohort: { select: { name: true } },
      person: { select: { id: true, displayName: true, hub: { select: { name: true } } } },
      submissions: { where: { status: { in: ['submitted', 'missed'] } }, select: { status: true, late: true } },
    },
  });
}
