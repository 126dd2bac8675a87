import type { ChannelName } from '../domain/inbound-event.ts';
import type { OutboundPayload } from '../domain/outbound-message.ts';
import type { Database } from './database.ts';
import type { Prisma } from './generated/client.ts';

/** What delivery needs to queue a message: which one, when, on which channel's queue. */
export interface OutboxRow {
  id: string;
  plannedAt: Date;
  channel: ChannelName;
  /** Sends tried so far: part of the delivery job's id, so a message queued again gets a new job. */
  attempts: number;
}

export interface NewOutboundMessage {
  personId: string;
  channelIdentityId: string;
  /** What the message is for: reply, exercise_release, reminder, check_in, broadcast, … */
  purpose: string;
  payload: OutboundPayload;
  /** A deterministic key of what produced it; a second message with the same key is not added. */
  dedupKey?: string;
  plannedAt?: Date;
  broadcastId?: string;
}

/**
 * Adds messages to the outbox (in the caller's transaction). Returns the rows to deliver:
 * messages whose dedupKey was already there are left out.
 */
export async function addOutboundMessages(
  tx: Prisma.TransactionClient | Database,
  messages: NewOutboundMessage[],
  now: Date,
): Promise<OutboxRow[]> {
  if (messages.length === 0) return [];
  const identities = await tx.channelIdentity.findMany({
    where: { id: { in: [...new Set(messages.map((m) => m.channelIdentityId))] } },
    select: { id: true, channel: true },
  });
  const channelOf = new Map(identities.map((identity) => [identity.id, identity.channel]));
  return tx.outboundMessage.createManyAndReturn({
    data: messages.map((message) => ({
      personId: message.personId,
      channelIdentityId: message.channelIdentityId,
      channel: channelOf.get(message.channelIdentityId) ?? 'simulator',
      purpose: message.purpose,
      payload: message.payload as unknown as Prisma.InputJsonValue,
      dedupKey: message.dedupKey ?? null,
      plannedAt: message.plannedAt ?? now,
      broadcastId: message.broadcastId ?? null,
    })),
    skipDuplicates: true,
    select: { id: true, plannedAt: true, channel: true, attempts: true },
  });
}
