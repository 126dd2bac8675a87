import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import { visibleEnrolments, type DashboardScope } from './visible-enrolments.ts';

/**
 * NotFoundError unless the person is a participant the viewer may see (staff: in one of their
 * cohorts; mentor: a current mentee). The person is matched *within* `visibleEnrolments`, never in
 * place of its own filter, so a mentor cannot reach another mentor's mentee. Seeing a person does
 * not mean seeing all of them: what is shown of them must still be read through `visibleEnrolments`.
 */
export async function assertCanSeePerson(db: Database, scope: DashboardScope, personId: string): Promise<void> {
  const visible = await db.enrolment.count({ where: { AND: [visibleEnrolments(scope), { personId }] } });
  if (visible === 0) throw new NotFoundError(`person ${personId} is not visible`);
}
