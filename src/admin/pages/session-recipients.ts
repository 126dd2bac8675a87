import { venueFor } from '../../domain/sessions/session-definition.ts';
import { isWindowOpen } from '../../domain/whatsapp-window.ts';
import type { SessionAudienceMember } from '../../store/sessions/list-session-audience.ts';
import type { SessionForEdit } from '../../store/sessions/load-session-for-edit.ts';

/** Who the announcement reaches at one venue. */
export interface VenueRecipients {
  venueId: string;
  venueKey: string;
  hubId: string | null;
  invited: number;
  /** On WhatsApp without a message from them in the 24 hours before the announcement: a template goes first. */
  whatsappOutsideWindow: number;
  /** Already told: invitations to this venue announced (whether or not they are still in the audience). */
  told: number;
  names: string[];
}

/** The announcement's recipients, as the edit page previews them. */
export interface SessionRecipients {
  total: number;
  whatsappOutsideWindow: number;
  told: number;
  /** In the audience but of a hub where the session is not held (and it is not online): not invited. */
  withoutVenue: number;
  venues: VenueRecipients[];
  /** The instant the window is judged at: the announcement's, or now. */
  at: Date;
}

/**
 * Who the session's audience reaches now, venue by venue: each person at their venue (their hub's,
 * else the online one), whose WhatsApp window will be closed when it is announced, and who was
 * told already.
 */
export function sessionRecipients(
  session: Pick<SessionForEdit, 'venues' | 'invitations' | 'announceAt' | 'announcedAt'>,
  audience: readonly SessionAudienceMember[],
  now: Date,
): SessionRecipients {
  const at = !session.announcedAt && session.announceAt && session.announceAt > now ? session.announceAt : now;
  const venues = new Map<string, VenueRecipients>(
    session.venues.map((venue) => [
      venue.id,
      {
        venueId: venue.id,
        venueKey: venue.key,
        hubId: venue.hubId,
        invited: 0,
        whatsappOutsideWindow: 0,
        told: 0,
        names: [],
      },
    ]),
  );
  let withoutVenue = 0;
  for (const member of audience) {
    const venue = venueFor(session.venues, member);
    const row = venue ? venues.get(venue.id) : undefined;
    if (!row) {
      withoutVenue += 1;
      continue;
    }
    row.invited += 1;
    if (member.channel === 'whatsapp' && !isWindowOpen(member.lastInboundAt, at)) row.whatsappOutsideWindow += 1;
    row.names.push(member.displayName ?? '—');
  }
  for (const invitation of session.invitations) {
    const row = venues.get(invitation.venueId);
    if (row && invitation.announcedAt !== null) row.told += 1;
  }
  const rows = [...venues.values()];
  const sum = (field: 'invited' | 'whatsappOutsideWindow' | 'told') => rows.reduce((n, row) => n + row[field], 0);
  return {
    total: sum('invited'),
    whatsappOutsideWindow: sum('whatsappOutsideWindow'),
    told: sum('told'),
    withoutVenue,
    venues: rows,
    at,
  };
}
