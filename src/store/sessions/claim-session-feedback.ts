import type { PersonView } from '../../conversation/conversation-context.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { Database } from '../database.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../outbox/outbox.ts';
import { listInvitationRecipients } from './list-invitation-recipients.ts';
import { feedbackToAsk } from './list-due-session-feedback.ts';

/** One person asked for their feedback on a session they attended. */
export interface SessionFeedbackRecipient {
  invitationId: string;
  title: LocalizedText;
  person: PersonView;
  channelIdentityId: string;
}

/** Everyone at a large venue is asked in one transaction given this long. */
const FEEDBACK_TIMEOUT_MS = 120_000;

/**
 * Claims the feedback question of everyone at a venue who attended and was not asked yet, and
 * writes what `compose` says for each to the outbox, in one transaction. Each invitation is
 * claimed by setting its `feedbackAskedAt` where it is still null, so a person is asked once
 * however many workers run; the venue's `feedbackAskedAt` records the first time it was swept.
 */
export async function claimSessionFeedback(
  db: Database,
  venueId: string,
  compose: (recipient: SessionFeedbackRecipient) => NewOutboundMessage[],
  now: () => Date,
): Promise<OutboxRow[]> {
  return db.$transaction(
    async (tx) => {
      const at = now();
      const venue = await tx.sessionVenue.findUniqueOrThrow({
        where: { id: venueId },
        select: { session: { select: { title: true, programmeId: true } } },
      });
      await tx.sessionVenue.updateMany({
        where: { id: venueId, feedbackAskedAt: null },
        data: { feedbackAskedAt: at },
      });
      const candidates = await tx.sessionInvitation.findMany({
        where: { venueId, ...feedbackToAsk(venue.session.programmeId) },
        select: { id: true },
      });
      const claimed = await tx.$queryRaw<{ id: string }[]>`
        UPDATE "SessionInvitation" SET "feedbackAskedAt" = ${at}, "updatedAt" = ${at}
        WHERE id = ANY(${candidates.map((c) => c.id)}::text[]) AND "feedbackAskedAt" IS NULL
        RETURNING id`;
      const recipients = await listInvitationRecipients(
        tx,
        claimed.map((invitation) => invitation.id),
        'routine',
      );
      const messages = recipients.flatMap((recipient) =>
        compose({
          invitationId: recipient.invitationId,
          title: venue.session.title as LocalizedText,
          person: recipient.person,
          channelIdentityId: recipient.channelIdentityId,
        }),
      );
      return addOutboundMessages(tx, messages, at);
    },
    { timeout: FEEDBACK_TIMEOUT_MS },
  );
}
