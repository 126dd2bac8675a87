import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import type { MalformedInbound } from '../../domain/malformed-inbound.ts';
import { storableText } from '../../domain/storable-text.ts';

/** How much of an event set aside is kept: its ids, the error and the start of the event. */
const ID_MAX_LENGTH = 200;
const ERROR_MAX_LENGTH = 1_000;
const PAYLOAD_MAX_LENGTH = 4_000;

/**
 * Keeps an inbound event that PostgreSQL refused for what it holds in RejectedInboundEvent, where
 * staff can see it; a redelivery of the same event counts one more attempt. Everything is cut
 * short and made storable, so that this insert cannot fail for the reason the event did.
 */
export async function setAsideInboundEvent(pool: pg.Pool, event: InboundEvent, error: string): Promise<void> {
  await setAsideInbound(pool, {
    channel: event.channel,
    platformEventId: event.platformEventId,
    senderId: event.sender.platformId,
    error,
    payload: JSON.stringify(event),
  });
}

/** Keeps something a platform sent, that could not be read or stored, in RejectedInboundEvent (as above). */
export async function setAsideInbound(pool: pg.Pool, item: MalformedInbound): Promise<void> {
  await pool.query(
    `INSERT INTO "RejectedInboundEvent" (id, channel, "platformEventId", "senderId", error, payload)
     VALUES ($1, $2::"Channel", $3, $4, $5, $6)
     ON CONFLICT (channel, "platformEventId")
     DO UPDATE SET attempts = "RejectedInboundEvent".attempts + 1, "lastSeenAt" = now(), error = excluded.error`,
    [
      randomUUID(),
      item.channel,
      cut(item.platformEventId, ID_MAX_LENGTH),
      item.senderId === undefined ? null : cut(item.senderId, ID_MAX_LENGTH),
      cut(item.error, ERROR_MAX_LENGTH),
      cut(item.payload, PAYLOAD_MAX_LENGTH),
    ],
  );
}

/** Cut first, then made storable: a cut may split a surrogate pair. */
function cut(text: string, maxLength: number): string {
  return storableText(text.length > maxLength ? text.slice(0, maxLength) : text);
}
