import type { SessionDetails } from '../../conversation/notices/session-details.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { QuietHours } from '../../domain/quiet-hours.ts';
import type { Database } from '../database.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../outbox/outbox.ts';
import { listInvitationRecipients, type InvitationRecipient } from './list-invitation-recipients.ts';
import { sessionDetailsSelect, toSessionDetails } from './session-details-row.ts';

/** One person to tell that their venue's time or place changed, with the new details. */
export interface SessionNoticeRecipient extends InvitationRecipient {
  details: SessionDetails;
  programme: { defaultLocale: string; quietHours: QuietHours | null };
}

/** A venue's audience can be large: its notice is written in one transaction given this long. */
export const NOTICE_TIMEOUT_MS = 120_000;

/**
 * Claims a venue's due change notice (clears `changeNoticeDueAt` if it is still `dueAt`) and
 * writes what `compose` says to those at that venue who did not say they cannot come
 * (everyone told of the session when it asks no RSVP), in one transaction: told once. Paused
 * people are told too (session-reach.ts, `notice`).
 */
export async function claimChangeNotice(
  db: Database,
  options: { venueId: string; dueAt: Date; now: Date },
  compose: (recipient: SessionNoticeRecipient) => NewOutboundMessage,
): Promise<OutboxRow[]> {
  const { venueId, dueAt, now } = options;
  return db.$transaction(
    async (tx) => {
      const { count } = await tx.sessionVenue.updateMany({
        where: { id: venueId, changeNoticeDueAt: dueAt },
        data: { changeNoticeDueAt: null },
      });
      if (count === 0) return [];
      const { sessionId } = await tx.sessionVenue.findUniqueOrThrow({
        where: { id: venueId },
        select: { sessionId: true },
      });
      const session = await tx.session.findUniqueOrThrow({ where: { id: sessionId }, select: sessionDetailsSelect });
      const venue = session.venues.find((candidate) => candidate.id === venueId);
      if (session.status !== 'scheduled' || !venue) return [];
      const settings = parseProgrammeSettings(session.programme.settings);
      const invitations = await tx.sessionInvitation.findMany({
        where: {
          venueId,
          announcedAt: { not: null },
          // Whoever has not said they cannot come may still be on their way: all of them hear of it.
          ...(session.rsvp && { OR: [{ rsvp: null }, { rsvp: { in: ['yes', 'maybe'] } }] }),
        },
        select: { id: true },
      });
      const recipients = await listInvitationRecipients(
        tx,
        invitations.map((invitation) => invitation.id),
        'notice',
      );
      const programme = { defaultLocale: session.programme.defaultLocale, quietHours: settings.quietHours };
      const messages = recipients.map((recipient) =>
        compose({ ...recipient, details: toSessionDetails(session, venue, recipient.invitationId), programme }),
      );
      return addOutboundMessages(tx, messages, now);
    },
    { timeout: NOTICE_TIMEOUT_MS },
  );
}
