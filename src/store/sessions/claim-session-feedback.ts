import type { PersonView } from '../../conversation/conversation-context.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { Database } from '../database.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../outbox/outbox.ts';
import { personView, preferredIdentity } from '../people/person-view.ts';
import { feedbackToAsk } from './list-due-session-feedback.ts';

/** One person asked for their feedback on a session they attended. */
export interface SessionFeedbackRecipient {
  invitationId: string;
  title: LocalizedText;
  person: PersonView;
  channelIdentityId: string;
}

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
  return db.$transaction(async (tx) => {
    const at = now();
    const venue = await tx.sessionVenue.findUniqueOrThrow({
      where: { id: venueId },
      select: { session: { select: { title: true, programmeId: true } } },
    });
    await tx.sessionVenue.updateMany({ where: { id: venueId, feedbackAskedAt: null }, data: { feedbackAskedAt: at } });
    const candidates = await tx.sessionInvitation.findMany({
      where: { venueId, ...feedbackToAsk(venue.session.programmeId) },
      select: { id: true },
    });
    const claimed = await tx.$queryRaw<{ id: string; personId: string }[]>`
      UPDATE "SessionInvitation" SET "feedbackAskedAt" = ${at}, "updatedAt" = ${at}
      WHERE id = ANY(${candidates.map((c) => c.id)}::text[]) AND "feedbackAskedAt" IS NULL
      RETURNING id, "personId"`;
    const messages: NewOutboundMessage[] = [];
    for (const invitation of claimed.sort((a, b) => a.id.localeCompare(b.id))) {
      const channelIdentityId = await preferredIdentity(tx, invitation.personId);
      if (!channelIdentityId) continue;
      messages.push(
        ...compose({
          invitationId: invitation.id,
          title: venue.session.title as LocalizedText,
          person: await personView(tx, invitation.personId),
          channelIdentityId,
        }),
      );
    }
    return addOutboundMessages(tx, messages, at);
  });
}
