import type { PersonView } from '../../conversation/conversation-context.ts';
import type { SessionDetails } from '../../conversation/notices/session-details.ts';
import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../outbox/outbox.ts';
import { personView, preferredIdentity } from '../people/person-view.ts';
import { sessionDetailsOf, venueWithSession } from './session-details-of.ts';

/** One person a claimed session reminder goes to. */
export interface SessionReminderRecipient {
  details: SessionDetails;
  person: PersonView;
  channelIdentityId: string;
  /** Whether they are asked if they are coming: the first reminder, to someone who has not answered. */
  askRsvp: boolean;
}

/**
 * Claims a venue's due reminder and writes what `compose` says for each recipient to the outbox,
 * in one transaction. The claim moves `nextReminderAt` on to `following` with a conditional
 * update (still the one due, session not cancelled): whoever moves it first sends, so a reminder
 * goes once. Recipients: those announced who said yes or maybe (not waiting for a seat); the first
 * reminder (the largest offset) also those who have not answered; everyone announced when the
 * session asks no RSVP. Nobody stopped or paused in the programme, opted out (STOP) or erased.
 * Returns the rows to deliver: none when another worker claimed it.
 */
export async function claimSessionReminder(
  db: Database,
  reminder: { venueId: string; nextReminderAt: Date; following: Date | null },
  compose: (recipient: SessionReminderRecipient) => NewOutboundMessage[],
  now: () => Date,
): Promise<OutboxRow[]> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.sessionVenue.updateMany({
      where: { id: reminder.venueId, nextReminderAt: reminder.nextReminderAt, session: { status: 'scheduled' } },
      data: { nextReminderAt: reminder.following },
    });
    if (count === 0) return [];
    const venue = await tx.sessionVenue.findUniqueOrThrow({
      where: { id: reminder.venueId },
      include: { ...venueWithSession, session: { include: { programme: { select: { id: true } } } } },
    });
    const { session } = venue;
    const firstOffset = Math.max(...session.reminderOffsets);
    const first = reminder.nextReminderAt.getTime() === venue.startsAt.getTime() - firstOffset * 60_000;
    const answers: Prisma.SessionInvitationWhereInput[] = [
      { rsvp: { in: ['yes', 'maybe'] } },
      ...(first ? [{ rsvp: null }] : []),
    ];
    const invitations = await tx.sessionInvitation.findMany({
      where: {
        venueId: venue.id,
        announcedAt: { not: null },
        waitlistedAt: null,
        ...(session.rsvp && { OR: answers }),
        person: {
          optedOutAt: null,
          erasedAt: null,
          enrolments: {
            some: { cohort: { programmeId: session.programme.id }, status: { notIn: ['paused', 'stopped'] } },
          },
        },
      },
      orderBy: { createdAt: 'asc' },
      select: { id: true, personId: true, rsvp: true },
    });
    const messages: NewOutboundMessage[] = [];
    for (const invitation of invitations) {
      const channelIdentityId = await preferredIdentity(tx, invitation.personId);
      if (!channelIdentityId) continue;
      messages.push(
        ...compose({
          details: sessionDetailsOf(venue, invitation.id),
          person: await personView(tx, invitation.personId),
          channelIdentityId,
          askRsvp: session.rsvp && invitation.rsvp === null,
        }),
      );
    }
    return addOutboundMessages(tx, messages, now());
  });
}
