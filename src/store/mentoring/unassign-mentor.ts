import { recordStaffAction } from '../audit/record-staff-action.ts';
import type { Database } from '../database.ts';
import { endMentorAssignment } from './end-mentor-assignment.ts';

/**
 * A staff member ends a mentor assignment: ended, and audited when this call ended it, in one
 * transaction. Ending one that has already ended changes nothing.
 */
export async function unassignMentor(
  db: Database,
  request: { assignment: { id: string; mentorId: string; menteeId: string }; actorId: string; now: Date },
): Promise<void> {
  const { assignment } = request;
  await db.$transaction(async (tx) => {
    const ended = await endMentorAssignment(tx, { assignmentId: assignment.id, now: request.now });
    if (!ended) return;
    await recordStaffAction(tx, {
      actorId: request.actorId,
      action: 'mentor.unassign',
      entity: 'MentorAssignment',
      entityId: assignment.id,
      details: { mentorId: assignment.mentorId, menteeId: assignment.menteeId },
    });
  });
}
