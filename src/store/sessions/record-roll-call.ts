import { recordStaffAction } from '../audit/record-staff-action.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';

/**
 * Records a venue's roll call, in one transaction and audited (`session.roll_call`): the people
 * ticked (`present`, person ids) who had no attendance are marked present by roll call; those
 * marked by an earlier roll call and no longer ticked are unmarked. Attendance someone recorded
 * with the code in chat is never cleared. People not invited to the venue are ignored.
 * NotFoundError when the venue does not exist.
 */
export async function recordRollCall(
  db: Database,
  options: { venueId: string; present: readonly string[]; actorId: string; now: Date },
): Promise<{ marked: number; unmarked: number }> {
  const { venueId, actorId, now } = options;
  const present = [...new Set(options.present)];
  return db.$transaction(async (tx) => {
    const venue = await tx.sessionVenue.findUnique({ where: { id: venueId }, select: { sessionId: true } });
    if (!venue) throw new NotFoundError(`venue ${venueId} not found`);
    const marked = await tx.sessionInvitation.updateMany({
      where: { venueId, personId: { in: present }, attendedAt: null },
      data: { attendedAt: now, attendedBy: 'roll_call', attendanceRecordedById: actorId },
    });
    const unmarked = await tx.sessionInvitation.updateMany({
      where: { venueId, personId: { notIn: present }, attendedBy: 'roll_call' },
      data: { attendedAt: null, attendedBy: null, attendanceRecordedById: null },
    });
    await recordStaffAction(tx, {
      actorId,
      action: 'session.roll_call',
      entity: 'SessionVenue',
      entityId: venueId,
      details: { sessionId: venue.sessionId, marked: marked.count, unmarked: unmarked.count },
    });
    return { marked: marked.count, unmarked: unmarked.count };
  });
}
