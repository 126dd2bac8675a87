import type { HelpLevel } from '../../domain/help-desk/help-routing.ts';
import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { Prisma } from '../generated/client.ts';
import { addOutboundMessages, type OutboxRow } from '../outbox/outbox.ts';
import { preferredIdentity } from '../people/person-view.ts';
import type { TeamMessageResult } from './answer-help-conversation.ts';

/** A message the team's answer becomes (the conversation layer words it: `teamAnswerForPerson`). */
export interface TeamAnswerMessage {
  toPersonId?: string;
  purpose?: string;
  payload: OutboundPayload;
  about?: string[];
}

/** Words the team's answer for the person, at the level the author answers them, in their programme's words. */
export type ComposeTeamAnswer = (
  answer: TeamMessageResult,
  authorRole: HelpLevel,
  programme: { defaultLocale: string },
) => TeamAnswerMessage[];

/**
 * Writes the team's answer to the participant's outbox (in the caller's transaction), on the
 * channel they last wrote from; none when they have no reachable channel (the answer stays in
 * the conversation, shown on the dashboard).
 */
export async function teamAnswerOutbox(
  tx: Prisma.TransactionClient,
  answer: TeamMessageResult,
  messages: TeamAnswerMessage[],
  now: Date,
): Promise<OutboxRow[]> {
  const identities = new Map<string, string | null>();
  const rows = [];
  for (const message of messages) {
    const to = message.toPersonId ?? answer.person.id;
    if (!identities.has(to)) identities.set(to, await preferredIdentity(tx, to));
    const identityId = identities.get(to);
    if (!identityId) continue;
    rows.push({
      personId: to,
      channelIdentityId: identityId,
      purpose: message.purpose ?? 'help_answer',
      payload: message.payload,
      ...(message.about && message.about.length > 0 && { aboutPersonIds: message.about }),
    });
  }
  return addOutboundMessages(tx, rows, now);
}
