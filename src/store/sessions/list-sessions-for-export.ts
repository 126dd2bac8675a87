import type { RsvpAnswer, SessionKind } from '../../domain/sessions/session-definition.ts';
import type { Database } from '../database.ts';
import type { Prisma, SessionStatus } from '../generated/client.ts';

/** One person invited to one session, as sessions.csv writes them. */
export interface SessionInvitationForExport {
  session: { id: string; key: string; kind: SessionKind; title: unknown; status: SessionStatus };
  venue: { key: string; hubName: unknown; timeZone: string; startsAt: Date };
  person: { id: string; name: string | null; hubName: unknown };
  rsvp: RsvpAnswer | null;
  waitlistedAt: Date | null;
  attendedAt: Date | null;
  attendedBy: string | null;
  feedbackScore: number | null;
  feedbackComment: string | null;
}

/**
 * Every invitation to the sessions of the given programmes, by session start, venue and name;
 * people whose data was erased are left out. With `venues` (a trainer's, see `visibleVenues`),
 * only the invitations to those venues.
 */
export async function listSessionsForExport(
  db: Database,
  options: { programmeIds: string[]; venues?: Prisma.SessionVenueWhereInput | undefined },
): Promise<SessionInvitationForExport[]> {
  const rows = await db.sessionInvitation.findMany({
    where: {
      session: { programmeId: { in: options.programmeIds } },
      person: { erasedAt: null },
      ...(options.venues && { venue: options.venues }),
    },
    select: {
      rsvp: true,
      waitlistedAt: true,
      attendedAt: true,
      attendedBy: true,
      feedbackScore: true,
      feedbackComment: true,
      session: { select: { id: true, key: true, kind: true, title: true, status: true } },
      venue: { select: { key: true, timeZone: true, startsAt: true, hub: { select: { name: true } } } },
      person: { select: { id: true, displayName: true, hub: { select: { name: true } } } },
    },
  });
  // A session's rows stay together, sessions in the order of their first venue's start.
  const firstStart = new Map<string, number>();
  for (const { session, venue } of rows)
    firstStart.set(session.id, Math.min(firstStart.get(session.id) ?? Infinity, venue.startsAt.getTime()));
  return rows
    .map(({ venue, person, ...row }) => ({
      ...row,
      venue: { key: venue.key, hubName: venue.hub?.name ?? null, timeZone: venue.timeZone, startsAt: venue.startsAt },
      person: { id: person.id, name: person.displayName, hubName: person.hub?.name ?? null },
    }))
    .sort(
      (a, b) =>
        firstStart.get(a.session.id)! - firstStart.get(b.session.id)! ||
        a.session.id.localeCompare(b.session.id) ||
        a.venue.startsAt.getTime() - b.venue.startsAt.getTime() ||
        a.venue.key.localeCompare(b.venue.key) ||
        (a.person.name ?? '').localeCompare(b.person.name ?? '', 'fr'),
    );
}
