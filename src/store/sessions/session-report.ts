import { countInvitations, type InvitationCounts } from '../../domain/sessions/count-invitations.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { Database } from '../database.ts';
import { AmbiguousReferenceError, NotFoundError } from '../errors.ts';
import type { SessionSummary } from './list-sessions.ts';
import { reachablePerson } from './session-reach.ts';

export interface VenueReport {
  key: string;
  /** The hub's name; null online. */
  hubName: LocalizedText | null;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  attendanceCode: string;
  counts: InvitationCounts;
}

export interface SessionReport extends Omit<SessionSummary, 'venues' | 'over'> {
  rsvp: boolean;
  venues: VenueReport[];
  /** All venues together. */
  counts: InvitationCounts;
}

/**
 * Where a session stands, venue by venue: who is invited, what they answered, who waits for a
 * seat, who attended (by code, by roll call) and what they thought of it. The session is named by
 * id or key; `programme` (id or key) tells apart two programmes' sessions with the same key.
 */
export async function sessionReport(
  db: Database,
  reference: string,
  options: { programme?: string } = {},
): Promise<SessionReport> {
  const sessions = await db.session.findMany({
    where: {
      OR: [{ id: reference }, { key: reference }],
      ...(options.programme && { programme: { OR: [{ id: options.programme }, { key: options.programme }] } }),
    },
    include: {
      programme: { select: { key: true, defaultLocale: true } },
      venues: { include: { hub: { select: { name: true } } }, orderBy: [{ startsAt: 'asc' }, { key: 'asc' }] },
    },
  });
  const session = sessions.find((s) => s.id === reference) ?? sessions[0];
  if (!session) {
    throw new NotFoundError(
      `no session has the id or key "${reference}"${options.programme ? ` in programme "${options.programme}"` : ''}`,
    );
  }
  if (sessions.length > 1 && session.id !== reference) {
    const programmes = sessions.map((s) => s.programme.key).join(', ');
    throw new AmbiguousReferenceError(
      `several programmes have a session "${reference}" (${programmes}); name one with --programme`,
    );
  }
  const invitations = await db.sessionInvitation.findMany({
    // Counted like the seats: those who can no longer be written to (erased, opted out, stopped) are left out.
    where: { sessionId: session.id, person: reachablePerson(session.programmeId, 'notice') },
    select: {
      venueId: true,
      rsvp: true,
      waitlistedAt: true,
      attendedAt: true,
      attendedBy: true,
      feedbackScore: true,
    },
  });
  return {
    id: session.id,
    key: session.key,
    programmeKey: session.programme.key,
    defaultLanguage: session.programme.defaultLocale,
    kind: session.kind,
    title: session.title as LocalizedText,
    status: session.status,
    rsvp: session.rsvp,
    announceAt: session.announceAt,
    announcedAt: session.announcedAt,
    cancelledAt: session.cancelledAt,
    venues: session.venues.map((venue) => ({
      key: venue.key,
      hubName: (venue.hub?.name as LocalizedText | undefined) ?? null,
      timeZone: venue.timeZone,
      startsAt: venue.startsAt,
      endsAt: venue.endsAt,
      capacity: venue.capacity,
      attendanceCode: venue.attendanceCode,
      counts: countInvitations(invitations.filter((invitation) => invitation.venueId === venue.id)),
    })),
    counts: countInvitations(invitations),
  };
}
