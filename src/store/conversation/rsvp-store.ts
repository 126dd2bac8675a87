import { z } from 'zod';
import type { InvitationView, PromotedInvitation, RsvpStore } from '../../conversation/stores/rsvp-store.ts';
import { personTimeZone } from '../../domain/person-time-zone.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Prisma } from '../generated/client.ts';
import { promoteWaitlisted } from '../sessions/promote-waitlisted.ts';

const invitationSelect = {
  id: true,
  personId: true,
  venueId: true,
  rsvp: true,
  rsvpAt: true,
  waitlistedAt: true,
  session: {
    select: {
      id: true,
      key: true,
      kind: true,
      title: true,
      description: true,
      rsvp: true,
      status: true,
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

/** People's invitations to sessions, and their answers with the venue's seats and waiting list. */
export function createRsvpStore(tx: Prisma.TransactionClient): RsvpStore {
  /** The invitations waiting at a venue, next first (the order `promoteWaitlisted` follows). */
  async function waitingAt(venueId: string): Promise<string[]> {
    const rows = await tx.sessionInvitation.findMany({
      where: { venueId, rsvp: 'yes', waitlistedAt: { not: null } },
      orderBy: [{ waitlistedAt: 'asc' }, { rsvpAt: 'asc' }, { id: 'asc' }],
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  async function view(row: InvitationRow): Promise<InvitationView> {
    const position = row.waitlistedAt ? (await waitingAt(row.venueId)).indexOf(row.id) + 1 : 0;
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
      waitlistPosition: position > 0 ? position : null,
    };
  }

  async function promotedView(row: InvitationRow): Promise<PromotedInvitation> {
    const programmeZone = parseProgrammeSettings(row.session.programme.settings).timeZone;
    return {
      ...(await view(row)),
      personId: row.personId,
      recipient: { locale: row.person.locale, timeZone: personTimeZone(row.person, programmeZone) },
      programme: { defaultLocale: row.session.programme.defaultLocale },
    };
  }

  return {
    upcomingInvitations: async (personId, now) => {
      const rows = await tx.sessionInvitation.findMany({
        where: { personId, session: { status: 'scheduled' }, venue: { endsAt: { gt: now } } },
        orderBy: [{ venue: { startsAt: 'asc' } }, { id: 'asc' }],
        select: invitationSelect,
      });
      return Promise.all(rows.map(view));
    },

    answerInvitation: async ({ invitationId, personId, answer, at }) => {
      const found = await tx.sessionInvitation.findFirst({
        where: { id: invitationId, personId },
        select: { venueId: true },
      });
      if (!found) return { outcome: 'not_found' };
      // The venue's row stays locked until the transaction ends: seats are counted once at a time.
      const [venue] = await tx.$queryRaw<{ capacity: number | null }[]>`
        SELECT capacity FROM "SessionVenue" WHERE id = ${found.venueId} FOR UPDATE`;
      const row = await tx.sessionInvitation.findUniqueOrThrow({
        where: { id: invitationId },
        select: invitationSelect,
      });
      if (!row.session.rsvp || !venue) return { outcome: 'not_found' };
      if (row.session.status === 'cancelled') return { outcome: 'cancelled', invitation: await view(row) };
      if (at >= row.venue.endsAt) return { outcome: 'ended', invitation: await view(row) };
      if (at >= row.venue.startsAt) return { outcome: 'started', invitation: await view(row) };

      const wasWaiting = row.rsvp === 'yes' && row.waitlistedAt !== null;
      if (row.rsvp !== answer) {
        // A new yes at a venue with seats joins the queue; the promotion below seats it at once
        // when a seat is free and nobody waits before it.
        const waitlistedAt = answer === 'yes' && venue.capacity !== null ? at : null;
        await tx.sessionInvitation.update({
          where: { id: invitationId },
          data: { rsvp: answer, rsvpAt: at, waitlistedAt },
        });
      }
      const promotedIds = (await promoteWaitlisted(tx, row.venueId)).filter((id) => id !== invitationId);
      const promotedRows = await tx.sessionInvitation.findMany({
        where: { id: { in: promotedIds } },
        select: invitationSelect,
      });
      const after = await tx.sessionInvitation.findUniqueOrThrow({
        where: { id: invitationId },
        select: invitationSelect,
      });
      return {
        outcome: 'answered',
        invitation: await view(after),
        wasWaiting,
        promoted: await Promise.all(promotedRows.map(promotedView)),
      };
    },
  };
}
