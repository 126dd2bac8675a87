import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../outbox/outbox.ts';
import { NOTICE_TIMEOUT_MS, type SessionNoticeRecipient } from './claim-change-notice.ts';
import { listInvitationRecipients } from './list-invitation-recipients.ts';
import { sessionDetailsSelect, toSessionDetails } from './session-details-row.ts';

/**
 * Claims a cancelled session's notice (sets `cancelNoticeSentAt` if nobody did) and writes what
 * `compose` says to everyone the session was announced to, whatever they answered, in one
 * transaction: told once. Paused people are told too (session-reach.ts, `notice`).
 */
export async function claimCancelNotice(
  db: Database,
  options: { sessionId: string; now: Date },
  compose: (recipient: SessionNoticeRecipient) => NewOutboundMessage,
): Promise<OutboxRow[]> {
  const { sessionId, now } = options;
  return db.$transaction(
    async (tx) => {
      const { count } = await tx.session.updateMany({
        where: { id: sessionId, status: 'cancelled', cancelNoticeSentAt: null },
        data: { cancelNoticeSentAt: now },
      });
      if (count === 0) return [];
      const session = await tx.session.findUniqueOrThrow({ where: { id: sessionId }, select: sessionDetailsSelect });
      const settings = parseProgrammeSettings(session.programme.settings);
      const invitations = await tx.sessionInvitation.findMany({
        where: { sessionId, announcedAt: { not: null } },
        select: { id: true },
      });
      const recipients = await listInvitationRecipients(
        tx,
        invitations.map((invitation) => invitation.id),
        'notice',
      );
      const programme = { defaultLocale: session.programme.defaultLocale, quietHours: settings.quietHours };
      const messages = recipients.flatMap((recipient) => {
        const venue = session.venues.find((candidate) => candidate.id === recipient.venueId);
        return venue
          ? [compose({ ...recipient, details: toSessionDetails(session, venue, recipient.invitationId), programme })]
          : [];
      });
      return addOutboundMessages(tx, messages, now);
    },
    { timeout: NOTICE_TIMEOUT_MS },
  );
}
