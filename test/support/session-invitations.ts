import { venueFor } from '../../src/domain/sessions/session-definition.ts';
import type { Database } from '../../src/store/database.ts';
import type { Prisma } from '../../src/store/generated/client.ts';

type InvitationFields = Omit<Prisma.SessionInvitationUncheckedCreateInput, 'sessionId' | 'venueId' | 'personId'>;

/**
 * Invites a person to a session at their venue (their hub's, else the online one), with their
 * answer, attendance and feedback written as given: how the dashboard tests stand in for the
 * announcement, RSVP and attendance, which other parts record. Returns the invitation and venue ids.
 */
export async function inviteToSession(
  db: Database,
  sessionId: string,
  personId: string,
  fields: InvitationFields = {},
): Promise<{ invitationId: string; venueId: string }> {
  const person = await db.person.findUniqueOrThrow({ where: { id: personId }, select: { hubId: true } });
  const venues = await db.sessionVenue.findMany({ where: { sessionId }, select: { id: true, key: true, hubId: true } });
  const venue = venueFor(venues, person);
  if (!venue) throw new Error(`session ${sessionId} has no venue for person ${personId}`);
  const invitation = await db.sessionInvitation.create({
    data: { sessionId, venueId: venue.id, personId, announcedAt: new Date('2026-11-01T10:00:00Z'), ...fields },
    select: { id: true },
  });
  return { invitationId: invitation.id, venueId: venue.id };
}
