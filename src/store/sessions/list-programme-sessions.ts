import type { SessionKind } from '../../domain/sessions/session-definition.ts';
import { tallyInvitations, type InvitationTally } from '../../domain/sessions/tally-invitations.ts';
import type { Database } from '../database.ts';
import type { Prisma, SessionStatus } from '../generated/client.ts';

/** A venue as the Sessions list shows it: where (the hub), and when in its own zone. */
export interface VenueTime {
  id: string;
  key: string;
  /** The hub's name; null online. */
  hubName: unknown;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
}

export interface ProgrammeSession {
  id: string;
  programmeId: string;
  key: string;
  kind: SessionKind;
  title: unknown;
  status: SessionStatus;
  cancelledAt: Date | null;
  announcedAt: Date | null;
  /** Earliest start first. */
  venues: VenueTime[];
  /** The end of its last venue: the session is past once this is. */
  endsAt: Date;
  tally: InvitationTally;
}

/**
 * The sessions of the given programmes, the earliest first, each with its venues' times and the
 * totals of its invitations (people whose data was erased are not counted). With `venues` (a
 * trainer's, see `visibleVenues`), only sessions held at one of those venues, with only those
 * venues and their invitations: nothing of another hub's venue shows, not even in a total.
 */
export async function listProgrammeSessions(
  db: Database,
  options: { programmeIds: string[]; venues?: Prisma.SessionVenueWhereInput | undefined },
): Promise<ProgrammeSession[]> {
  const { venues: venueWhere } = options;
  const sessions = await db.session.findMany({
    where: { programmeId: { in: options.programmeIds }, ...(venueWhere && { venues: { some: venueWhere } }) },
    select: {
      id: true,
      programmeId: true,
      key: true,
      kind: true,
      title: true,
      status: true,
      cancelledAt: true,
      announcedAt: true,
      venues: {
        ...(venueWhere && { where: venueWhere }),
        orderBy: [{ startsAt: 'asc' }, { key: 'asc' }],
        select: {
          id: true,
          key: true,
          timeZone: true,
          startsAt: true,
          endsAt: true,
          hub: { select: { name: true } },
        },
      },
    },
  });
  const invitations =
    sessions.length === 0
      ? []
      : await db.sessionInvitation.findMany({
          where: {
            sessionId: { in: sessions.map((session) => session.id) },
            person: { erasedAt: null },
            ...(venueWhere && { venue: venueWhere }),
          },
          select: { sessionId: true, rsvp: true, waitlistedAt: true, attendedAt: true },
        });
  const bySession = new Map<string, typeof invitations>();
  for (const invitation of invitations) {
    const list = bySession.get(invitation.sessionId) ?? [];
    list.push(invitation);
    bySession.set(invitation.sessionId, list);
  }
  return sessions
    .map(({ venues, ...session }) => ({
      ...session,
      venues: venues.map(({ hub, ...venue }) => ({ ...venue, hubName: hub?.name ?? null })),
      endsAt: new Date(Math.max(0, ...venues.map((venue) => venue.endsAt.getTime()))),
      tally: tallyInvitations(bySession.get(session.id) ?? []),
    }))
    .sort((a, b) => startOf(a) - startOf(b) || a.key.localeCompare(b.key));
}

function startOf(session: { venues: VenueTime[] }): number {
  return session.venues[0]?.startsAt.getTime() ?? 0;
}
