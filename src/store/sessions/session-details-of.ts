import type { SessionDetails } from '../../conversation/notices/session-details.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { Prisma } from '../generated/client.ts';

/** What a venue row must include for `sessionDetailsOf`. */
export const venueWithSession = {
  session: { select: { id: true, key: true, kind: true, title: true, description: true, rsvp: true } },
  hub: { select: { name: true } },
} as const satisfies Prisma.SessionVenueInclude;

type VenueWithSession = Prisma.SessionVenueGetPayload<{ include: typeof venueWithSession }>;

/** A session as one invited person sees it, from their venue (with its session and hub). */
export function sessionDetailsOf(venue: VenueWithSession, invitationId: string): SessionDetails {
  const { session } = venue;
  return {
    invitationId,
    session: {
      id: session.id,
      key: session.key,
      kind: session.kind,
      title: session.title as LocalizedText,
      description: session.description as LocalizedText,
      rsvp: session.rsvp,
    },
    venue: {
      id: venue.id,
      key: venue.key,
      hubName: venue.hub ? (venue.hub.name as LocalizedText) : null,
      place: venue.place as LocalizedText | null,
      address: venue.address,
      url: venue.url,
      timeZone: venue.timeZone,
      startsAt: venue.startsAt,
      endsAt: venue.endsAt,
    },
  };
}
