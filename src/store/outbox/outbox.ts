import { randomUUID } from 'node:crypto';
import type { ChannelName } from '../../domain/inbound-event.ts';
import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';

/** What delivery needs to queue a message: which one, when, on which channel's queue. */
export interface OutboxRow {
  id: string;
  plannedAt: Date;
  channel: ChannelName;
  /** Sends tried so far: part of the delivery job's id, so a message queued again gets a new job. */
  attempts: number;
  /** Who it goes to: a person's messages queued together go in one delivery job, in order. */
  channelIdentityId?: string;
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
  /** People the message names or quotes, other than its recipient: erasing one of them scrubs it. */
  aboutPersonIds?: string[];
  /** Where it goes when the recipient's identity was erased since (see ErasedAddress); removed once sent. */
  address?: ErasedAddress;
  /** Not sent after this instant (a session that has started): skipped instead, see session-message-expiry.ts. */
  notAfter?: Date;
}

/** A platform address kept on one message only: the erasure's confirmation, written after the identity lost it. */
export interface ErasedAddress {
  platformId: string;
  phoneNumber: string | null;
}

/**
 * Adds messages to the outbox (in the caller's transaction), in two statements whatever their
 * number. Returns the rows to deliver, in the order given: messages whose dedupKey was already
 * there are left out. Sequences follow the order given, so a person's messages go out in it.
 */
export async function addOutboundMessages(
  tx: Prisma.TransactionClient | Database,
  messages: NewOutboundMessage[],
  now: Date,
): Promise<OutboxRow[]> {
  if (messages.length === 0) return [];
  const identityIds = [...new Set(messages.map((m) => m.channelIdentityId))];
  const identities = await tx.$queryRaw<{ id: string; channel: ChannelName }[]>`
    SELECT id, channel::text AS channel FROM "ChannelIdentity" WHERE id = ANY(${identityIds}::text[])`;
  const channelOf = new Map(identities.map((identity) => [identity.id, identity.channel]));
  // Ids without dashes, like the ones Prisma gives: dedup keys and job ids join them with dashes.
  const ids: string[] = messages.map(() => randomUUID().replaceAll('-', ''));
  const column = <T>(pick: (message: NewOutboundMessage) => T) => messages.map(pick);
  // WITH ORDINALITY keeps the order given; ON CONFLICT leaves out keys already there.
  const rows = await tx.$queryRaw<OutboxRow[]>`
    INSERT INTO "OutboundMessage" (id, "personId", "channelIdentityId", channel, purpose, payload, "dedupKey", "plannedAt", "broadcastId", "aboutPersonIds", address, "notAfter", "createdAt", "updatedAt")
    SELECT m.id, m.person_id, m.identity_id, m.channel::"Channel", m.purpose, m.payload, m.dedup_key, m.planned_at, m.broadcast_id,
      ARRAY(SELECT jsonb_array_elements_text(m.about)), m.address, m.not_after, ${now}, ${now}
    FROM unnest(${ids}::text[], ${column((m) => m.personId)}::text[], ${column((m) => m.channelIdentityId)}::text[],
      ${column((m) => channelOf.get(m.channelIdentityId) ?? 'simulator')}::text[], ${column((m) => m.purpose)}::text[],
      ${column((m) => JSON.stringify(m.payload))}::jsonb[], ${column((m) => m.dedupKey ?? null)}::text[],
      ${column((m) => m.plannedAt ?? now)}::timestamptz[], ${column((m) => m.broadcastId ?? null)}::text[],
      ${column((m) => JSON.stringify([...new Set(m.aboutPersonIds ?? [])]))}::jsonb[], ${column((m) => (m.address ? JSON.stringify(m.address) : null))}::jsonb[],
      ${column((m) => m.notAfter ?? null)}::timestamptz[])
      WITH ORDINALITY AS m(id, person_id, identity_id, channel, purpose, payload, dedup_key, planned_at, broadcast_id, about, address, not_after, position)
    ORDER BY m.position
    ON CONFLICT DO NOTHING
    RETURNING id, "plannedAt", channel::text AS channel, attempts, "channelIdentityId"`;
  const position = new Map(ids.map((id, index) => [id, index]));
  return rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
}

/** `lastError` of a message held until its person answers a programme's new consent text. */
export const HELD_FOR_CONSENT = 'held until the person answers the new consent text';

/** Claims and records of many delivery jobs at once go in one statement each (group commit). */
export const DELIVERY_GROUP_COMMIT = { maxBatch: 64, maxInFlight: 3 };
