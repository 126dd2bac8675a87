import type { Database } from '../../store/database.ts';
import { visibleEnrolments } from '../access.ts';
import { NotFoundError } from '../admin-errors.ts';
import type { Viewer } from '../viewer.ts';

/**
 * 404 unless the person is a participant the viewer may see (staff: their cohorts; mentor:
 * their current mentees). The person is matched *within* `visibleEnrolments`, never in place of
 * its own person filter, so a mentor cannot reach another mentor's mentee.
 */
export async function assertCanSeeParticipant(db: Database, viewer: Viewer, personId: string): Promise<void> {
  const visible = await db.enrolment.count({ where: { AND: [visibleEnrolments(viewer), { personId }] } });
  if (visible === 0) throw new NotFoundError(`person ${personId} is not visible`);
}
