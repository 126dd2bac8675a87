import type { SessionDetails } from '../../conversation/notices/session-details.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { SessionKind } from '../../domain/sessions/session-definition.ts';
import type { Prisma } from '../generated/client.ts';

/** What a session's messages show of it and of its venues (a Prisma select). */
export const sessionDetailsSelect = {
  id: true,
  key: true,
  kind: true,
  title: true,
  description: true,
  rsvp: true,
  status: true,
  programmeId: true,
  programme: { select: { defaultLocale: true, settings: true } },
  venues: {
    orderBy: { key: 'asc' },
    select: {
      id: true,
      key: true,
      hubId: true,
      place: true,
      address: true,
      url: true,
      timeZone: true,
      startsAt: true,
      endsAt: true,
      updatedAt: true,
      hub: { select: { name: true } },
    },
  },
} satisfies Prisma.SessionSelect;

type SessionRow = Prisma.SessionGetPayload<{ select: typeof sessionDetailsSelect }>;
type VenueRow = SessionRow['venues'][number];

/** The session and one venue as one invited person sees them (the texts as stored, in every language). */
export function toSessionDetails(session: SessionRow, venue: VenueRow, invitationId: string): SessionDetails {
  return {
    invitationId,
    session: {
      id: session.id,
      key: session.key,
      kind: session.kind as SessionKind,
      title: session.title as LocalizedText,
      description: session.description as LocalizedText,
      rsvp: session.rsvp,
    },
    venue: {
      id: venue.id,
      key: venue.key,
      hubName: (venue.hub?.name as LocalizedText | undefined) ?? null,
      place: venue.place as LocalizedText | null,
      address: venue.address,
      url: venue.url,
      timeZone: venue.timeZone,
      startsAt: venue.startsAt,
      endsAt: venue.endsAt,
    },
  };
}
