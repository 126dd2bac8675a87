import type { PersonView } from '../../conversation/conversation-context.ts';
import type { SessionDetails } from '../../conversation/notices/session-details.ts';
import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../outbox/outbox.ts';
import { listInvitationRecipients } from './list-invitation-recipients.ts';
import { sessionDetailsOf, venueWithSession } from './session-details-of.ts';

/** A venue's audience can be large: its reminder is written in one transaction given this long. */
const REMINDER_TIMEOUT_MS = 120_000;

/** One person a claimed session reminder goes to. */
export interface SessionReminderRecipient {
  details: SessionDetails;
  person: PersonView;
  channelIdentityId: string;
  /** Whether they are asked if they are coming: the first reminder they get, while they have not answered. */
  askRsvp: boolean;
}

/**
 * Claims a venue's due reminder and writes what `compose` says for each recipient to the outbox,
 * in one transaction. The claim moves `nextReminderAt` on to `following` with a conditional
 * update (still the one due, session not cancelled): whoever moves it first sends, so a reminder
 * goes once. Recipients: those announced who said yes or maybe (not waiting for a seat), and
 * those who have not answered and were never reminded (their first reminder, with the buttons,
 * whichever offset it is); everyone announced when the session asks no RSVP. Only people a
 * routine message can reach (session-reach.ts). Each one reminded gets `remindedAt`.
 * Returns the rows to deliver: none when another worker claimed it.
 */
export async function claimSessionReminder(
  db: Database,
  reminder: { venueId: string; nextReminderAt: Date; following: Date | null },
  compose: (recipient: SessionReminderRecipient) => NewOutboundMessage[],
  now: () => Date,
): Promise<OutboxRow[]> {
  return db.$transaction(
    async (tx) => {
      const { count } = await tx.sessionVenue.updateMany({
        where: { id: reminder.venueId, nextReminderAt: reminder.nextReminderAt, session: { status: 'scheduled' } },
        data: { nextReminderAt: reminder.following },
      });
      if (count === 0) return [];
      const venue = await tx.sessionVenue.findUniqueOrThrow({
        where: { id: reminder.venueId },
        include: venueWithSession,
      });
      const answers: Prisma.SessionInvitationWhereInput[] = [
        { rsvp: { in: ['yes', 'maybe'] } },
        { rsvp: null, remindedAt: null },
      ];
      const invitations = await tx.sessionInvitation.findMany({
        where: {
          venueId: venue.id,
          announcedAt: { not: null },
          waitlistedAt: null,
          ...(venue.session.rsvp && { OR: answers }),
        },
        select: { id: true },
      });
      const recipients = await listInvitationRecipients(
        tx,
        invitations.map((invitation) => invitation.id),
        'routine',
      );
      const messages = recipients.flatMap((recipient) =>
        compose({
          details: sessionDetailsOf(venue, recipient.invitationId),
          person: recipient.person,
          channelIdentityId: recipient.channelIdentityId,
          askRsvp: venue.session.rsvp && recipient.rsvp === null,
        }),
      );
      const at = now();
      await tx.sessionInvitation.updateMany({
        where: { id: { in: recipients.map((recipient) => recipient.invitationId) } },
        data: { remindedAt: at },
      });
      return addOutboundMessages(tx, messages, at);
    },
    { timeout: REMINDER_TIMEOUT_MS },
  );
}
