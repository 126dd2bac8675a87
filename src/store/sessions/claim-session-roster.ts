import type { SessionDetails } from '../../conversation/notices/session-details.ts';
import { parseSessionAudience } from '../../domain/sessions/session-definition.ts';
import { currentTrainerHubs } from '../access/load-viewer-scope.ts';
import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../outbox/outbox.ts';
import { personView, preferredIdentity } from '../people/person-view.ts';
import { sessionDetailsOf, venueWithSession } from './session-details-of.ts';

/** Who answered a venue's invitation, by name, as its trainers read it the day before. */
export interface SessionRoster {
  details: SessionDetails;
  attendanceCode: string;
  /** Names (null: no name given) of those who said yes and have a seat. */
  yes: (string | null)[];
  maybe: (string | null)[];
  /** Said yes when it was full: on the waiting list, in its order. */
  waiting: (string | null)[];
  /** Everyone named: erasing one of them scrubs the list. */
  personIds: string[];
}

/** A trainer who runs the venue's hub, as the outbox needs to write to them. */
export interface RosterRecipient {
  personId: string;
  locale: string | null;
  timeZone: string;
  channelIdentityId: string;
}

/**
 * Claims a venue's day-before list by setting `rosterSentAt` with a conditional update (still
 * unsent, session not cancelled), and writes what `compose` says to each trainer who runs the
 * venue's hub for a cohort of the session's audience, in one transaction: the list goes once
 * however many workers run. Returns the rows to deliver: none when another worker claimed it.
 */
export async function claimSessionRoster(
  db: Database,
  venueId: string,
  compose: (roster: SessionRoster, trainer: RosterRecipient) => NewOutboundMessage[],
  now: () => Date,
): Promise<OutboxRow[]> {
  return db.$transaction(async (tx) => {
    const at = now();
    const { count } = await tx.sessionVenue.updateMany({
      where: { id: venueId, rosterSentAt: null, session: { status: 'scheduled' } },
      data: { rosterSentAt: at },
    });
    if (count === 0) return [];
    const venue = await tx.sessionVenue.findUniqueOrThrow({
      where: { id: venueId },
      include: {
        ...venueWithSession,
        session: { select: { ...venueWithSession.session.select, programmeId: true, audience: true } },
      },
    });
    const invitations = await tx.sessionInvitation.findMany({
      where: { venueId, announcedAt: { not: null }, rsvp: { in: ['yes', 'maybe'] }, person: { erasedAt: null } },
      orderBy: [{ waitlistedAt: { sort: 'asc', nulls: 'first' } }, { rsvpAt: 'asc' }],
      select: { rsvp: true, waitlistedAt: true, personId: true, person: { select: { displayName: true } } },
    });
    const byName = (names: (string | null)[]) =>
      names.sort((a, b) => (a ?? '').localeCompare(b ?? '', undefined, { sensitivity: 'base' }));
    const roster: SessionRoster = {
      // The trainers' list is about the venue, not one invitation: its id stands in.
      details: sessionDetailsOf(venue, venue.id),
      attendanceCode: venue.attendanceCode,
      yes: byName(invitations.filter((i) => i.rsvp === 'yes' && !i.waitlistedAt).map((i) => i.person.displayName)),
      maybe: byName(invitations.filter((i) => i.rsvp === 'maybe').map((i) => i.person.displayName)),
      waiting: invitations.filter((i) => i.rsvp === 'yes' && i.waitlistedAt).map((i) => i.person.displayName),
      personIds: invitations.map((i) => i.personId),
    };
    const trainers = await venueTrainers(tx, venue.hubId, venue.session.programmeId, venue.session.audience);
    const messages = trainers.flatMap((trainer) => compose(roster, trainer));
    return addOutboundMessages(tx, messages, at);
  });
}

/** The trainers who run the hub now for a cohort the session invites, who can be written to. */
async function venueTrainers(
  tx: Prisma.TransactionClient,
  hubId: string | null,
  programmeId: string,
  storedAudience: unknown,
): Promise<RosterRecipient[]> {
  const audience = parseSessionAudience(storedAudience);
  if (!hubId || !audience) return [];
  const rows = await tx.trainerHub.findMany({
    where: {
      AND: [
        currentTrainerHubs(),
        {
          hubId,
          person: { optedOutAt: null },
          cohort: { programmeId, ...(audience.cohortIds && { id: { in: audience.cohortIds } }) },
        },
      ],
    },
    orderBy: { createdAt: 'asc' },
    select: { personId: true },
  });
  const recipients: RosterRecipient[] = [];
  for (const personId of new Set(rows.map((row) => row.personId))) {
    const person = await personView(tx, personId);
    const channelIdentityId = await preferredIdentity(tx, personId);
    if (!channelIdentityId) continue;
    recipients.push({ personId, locale: person.locale, timeZone: person.timeZone, channelIdentityId });
  }
  return recipients;
}
