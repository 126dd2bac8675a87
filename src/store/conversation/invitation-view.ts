import { z } from 'zod';
import type { InvitationView, PromotedInvitation } from '../../conversation/stores/rsvp-store.ts';
import { personTimeZone } from '../../domain/person-time-zone.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Prisma } from '../generated/client.ts';
import { canBePromoted } from '../sessions/session-reach.ts';

/** What an invitation's view reads: the session, the venue, the person (for whoever is told of a seat). */
export const invitationSelect = {
  id: true,
  personId: true,
  venueId: true,
  rsvp: true,
  rsvpAt: true,
  waitlistedAt: true,
  attendedAt: true,
  session: {
    select: {
      id: true,
      key: true,
      kind: true,
      title: true,
      description: true,
      rsvp: true,
      status: true,
      programmeId: true,
      programme: { select: { defaultLocale: true, settings: true } },
    },
  },
  venue: {
    select: {
      id: true,
      key: true,
      place: true,
      address: true,
      url: true,
      timeZone: true,
      startsAt: true,
      endsAt: true,
      hub: { select: { name: true } },
    },
  },
  person: { select: { locale: true, timeZone: true, hub: { select: { timeZone: true } } } },
} as const;

type InvitationRow = Prisma.SessionInvitationGetPayload<{ select: typeof invitationSelect }>;

const localizedText = z.object({ fr: z.string().optional(), en: z.string().optional() });

/** A stored text per language; one that does not read shows as empty rather than failing the reply. */
function readText(stored: unknown): LocalizedText {
  const parsed = localizedText.safeParse(stored);
  return parsed.success ? parsed.data : {};
}

/**
 * An invitation as its person sees it, with their place on the waiting list (in the order
 * `promoteWaitlisted` follows); with `recipient`, also what it takes to tell them of a seat.
 */
export async function invitationView(tx: Prisma.TransactionClient, row: InvitationRow): Promise<InvitationView> {
  const waiting = row.waitlistedAt
    ? await tx.sessionInvitation.findMany({
        // Counted like the seats: someone erased, opted out or stopped who waits is not ahead of anyone.
        where: { venueId: row.venueId, ...canBePromoted(row.session.programmeId) },
        orderBy: [{ waitlistedAt: 'asc' }, { rsvpAt: 'asc' }, { id: 'asc' }],
        select: { id: true },
      })
    : [];
  const position = waiting.findIndex((invitation) => invitation.id === row.id) + 1;
  const { session, venue } = row;
  return {
    invitationId: row.id,
    session: {
      id: session.id,
      key: session.key,
      kind: session.kind,
      title: readText(session.title),
      description: readText(session.description),
      rsvp: session.rsvp,
    },
    venue: {
      id: venue.id,
      key: venue.key,
      hubName: venue.hub ? readText(venue.hub.name) : null,
      place: venue.place === null ? null : readText(venue.place),
      address: venue.address,
      url: venue.url,
      timeZone: venue.timeZone,
      startsAt: venue.startsAt,
      endsAt: venue.endsAt,
    },
    cancelled: session.status === 'cancelled',
    rsvp: row.rsvp,
    attended: row.attendedAt !== null,
    waitlistPosition: position > 0 ? position : null,
  };
}

/** Someone given a seat from the waiting list, with their language and time zone, to be told (notices/waitlist-promotion). */
export async function promotedInvitationView(
  tx: Prisma.TransactionClient,
  row: InvitationRow,
): Promise<PromotedInvitation> {
  const programmeZone = parseProgrammeSettings(row.session.programme.settings).timeZone;
  return {
    ...(await invitationView(tx, row)),
    personId: row.personId,
    recipient: { locale: row.person.locale, timeZone: personTimeZone(row.person, programmeZone) },
    programme: { defaultLocale: row.session.programme.defaultLocale },
  };
}
