import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';

/** A roll call that ticks people not invited to the venue; `personIds` names them. */
export class NotInvitedToVenueError extends Error {
  override readonly name = 'NotInvitedToVenueError';

  constructor(
    readonly venueId: string,
    readonly personIds: string[],
  ) {
    super(`not invited to venue ${venueId}: ${personIds.join(', ')}`);
  }
}

/**
 * The roll call of one venue, as ticked on the dashboard: those ticked are marked present (kept as
 * they are when already marked), those unticked lose a presence an earlier roll call gave them, never
 * one they recorded themselves with the code. One transaction, audited as `session.roll_call`.
 * @returns how many were newly marked and how many unmarked
 */
export async function recordRollCall(
  db: Database,
  options: { venueId: string; present: string[]; actorId: string | null; now: Date },
): Promise<{ marked: number; unmarked: number }> {
  const { venueId, actorId, now } = options;
  const present = new Set(options.present);
  return db.$transaction(async (tx) => {
    const venue = await tx.sessionVenue.findUnique({ where: { id: venueId }, select: { sessionId: true } });
    if (!venue) throw new NotFoundError(`no session venue has the id "${venueId}"`);
    const invitations = await tx.sessionInvitation.findMany({
      where: { venueId },
      select: { id: true, personId: true, attendedAt: true, attendedBy: true },
    });
    const invited = new Set(invitations.map((invitation) => invitation.personId));
    const strangers = [...present].filter((personId) => !invited.has(personId));
    if (strangers.length > 0) throw new NotInvitedToVenueError(venueId, strangers);

    const toMark = invitations.filter((i) => present.has(i.personId) && i.attendedAt === null).map((i) => i.id);
    const toUnmark = invitations
      .filter((i) => !present.has(i.personId) && i.attendedBy === 'roll_call')
      .map((i) => i.id);
    // Conditional, so that a code sent meanwhile is neither overwritten nor cleared.
    const { count: marked } = await tx.sessionInvitation.updateMany({
      where: { id: { in: toMark }, attendedAt: null },
      data: { attendedAt: now, attendedBy: 'roll_call', attendanceRecordedById: actorId },
    });
    const { count: unmarked } = await tx.sessionInvitation.updateMany({
      where: { id: { in: toUnmark }, attendedBy: 'roll_call' },
      data: { attendedAt: null, attendedBy: null, attendanceRecordedById: null },
    });
    await tx.auditLog.create({
      data: {
        actorId,
        action: 'session.roll_call',
        entity: 'SessionVenue',
        entityId: venueId,
        details: { sessionId: venue.sessionId, present: present.size, marked, unmarked },
        createdAt: now,
      },
    });
    return { marked, unmarked };
  });
}
