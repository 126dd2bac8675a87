import { venueFor } from '../../src/domain/sessions/session-definition.ts';
import type { Database } from '../../src/store/database.ts';
import type { Prisma } from '../../src/store/generated/client.ts';

/**
 * Invites a person to a session at their venue (their hub's, else the online one), as the
 * announcement would, with any answer already given (`fields`). Returns the invitation's id.
 */
export async function inviteToSession(
  db: Database,
  sessionId: string,
  personId: string,
  fields: Pick<Prisma.SessionInvitationUncheckedCreateInput, 'rsvp' | 'rsvpAt' | 'waitlistedAt' | 'announcedAt'> = {},
): Promise<string> {
  const venues = await db.sessionVenue.findMany({ where: { sessionId } });
  const person = await db.person.findUniqueOrThrow({ where: { id: personId }, select: { hubId: true } });
  const venue = venueFor(venues, person);
  if (!venue) throw new Error(`session ${sessionId} has no venue for person ${personId}`);
  const invitation = await db.sessionInvitation.create({
    data: { sessionId, venueId: venue.id, personId, ...fields },
    select: { id: true },
  });
  return invitation.id;
}
