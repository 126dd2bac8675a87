import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DeliveryStatusUpdate, InboundEvent, Sender } from '../../domain/inbound-event.ts';
import type pg from 'pg';
import type { Database } from '../database.ts';
import { classifyDatabaseError } from '../database-errors.ts';

export interface RecordedEvent {
  id: string;
  personId: string;
}

type Identity = { id: string; personId: string };

/** Attempts of a batch that meets a deadlock or a serialization failure, and the pause before the next, in ms. */
const CONFLICT_ATTEMPTS = 4;
const CONFLICT_BACKOFF_MS = 20;

/**
 * Stores inbound events once each, deduplicated by (channel, platform event id), with the
 * senders' channel identities (a new sender gets a Person with no personal data yet), in one
 * transaction of a few statements whatever the number of events. This is the webhooks' hot path:
 * it runs on a plain `pg` pool, in SQL, and webhooks call it through a group commit, so one
 * transaction carries the events of many concurrent requests.
 * Returns, for each event in order, whether it was new.
 *
 * Two transactions at once (a group commit has several in flight) take their locks in one
 * order: senders' identities are created in the order of their keys, then all of them are locked
 * in the order of their ids before any event is written, and events are written in the order of
 * their keys. Should PostgreSQL still report a deadlock (40P01) or a serialization failure
 * (40001), the batch is tried again after a short random pause, a few times.
 */
export async function recordInboundEvents(
  pool: pg.Pool,
  events: InboundEvent[],
): Promise<{ recorded: RecordedEvent[]; duplicates: number; isNew: boolean[] }> {
  if (events.length === 0) return { recorded: [], duplicates: 0, isNew: [] };
  for (let attempt = 1; ; attempt++) {
    try {
      return await recordOnce(pool, events);
    } catch (error) {
      if (attempt >= CONFLICT_ATTEMPTS || classifyDatabaseError(error) !== 'conflict') throw error;
      await sleep(CONFLICT_BACKOFF_MS * attempt * (0.5 + Math.random()));
    }
  }
}

async function recordOnce(
  pool: pg.Pool,
  events: InboundEvent[],
): Promise<{ recorded: RecordedEvent[]; duplicates: number; isNew: boolean[] }> {
  const client = await pool.connect();
  const sorted = [...events].sort((a, b) =>
    compareKeys(`${a.channel}/${a.platformEventId}`, `${b.channel}/${b.platformEventId}`),
  );
  try {
    await client.query('BEGIN');
    const identities = await identitiesOf(
      client,
      sorted.map((event) => event.sender),
    );
    await lockIdentities(
      client,
      [...identities.values()].map((identity) => identity.id),
    );
    await refreshContactDetails(
      client,
      sorted.map((event) => event.sender),
      identities,
    );
    const { rows } = await client.query<{ id: string; personId: string; channel: string; platformEventId: string }>(
      `INSERT INTO "InboundEvent" (id, channel, "platformEventId", "channelIdentityId", "personId", payload, "sentAt")
       SELECT id, channel::"Channel", event_id, identity_id, person_id, payload, sent_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::timestamptz[])
         AS e(id, channel, event_id, identity_id, person_id, payload, sent_at)
       ON CONFLICT (channel, "platformEventId") DO NOTHING
       RETURNING id, "personId", channel::text AS channel, "platformEventId"`,
      columns(
        sorted,
        (event) => {
          const identity = identities.get(senderKey(event.sender))!;
          return [
            randomUUID(),
            event.channel,
            event.platformEventId,
            identity.id,
            identity.personId,
            JSON.stringify(event),
            event.sentAt,
          ];
        },
        7,
      ),
    );
    // Only new events open (or extend) WhatsApp's 24-hour window; a redelivery says nothing new.
    const inserted = new Set(rows.map((row) => `${row.channel}/${row.platformEventId}`));
    const fresh = sorted.filter((event) => inserted.has(`${event.channel}/${event.platformEventId}`));
    if (fresh.length > 0) {
      await client.query(
        `UPDATE "ChannelIdentity" AS ci
         SET "lastInboundAt" = GREATEST(COALESCE(ci."lastInboundAt", v.sent), v.sent), "updatedAt" = now()
         FROM (SELECT id, max(sent) AS sent FROM unnest($1::text[], $2::timestamptz[]) AS u(id, sent) GROUP BY id) AS v
         WHERE ci.id = v.id`,
        columns(fresh, (event) => [identities.get(senderKey(event.sender))!.id, event.sentAt], 2),
      );
    }
    await client.query('COMMIT');
    const position = new Map(events.map((event, index) => [`${event.channel}/${event.platformEventId}`, index]));
    const recorded = rows
      .map((row) => ({
        id: row.id,
        personId: row.personId,
        at: position.get(`${row.channel}/${row.platformEventId}`)!,
      }))
      .sort((a, b) => a.at - b.at)
      .map(({ id, personId }) => ({ id, personId }));
    const isNew = events.map((event) => inserted.delete(`${event.channel}/${event.platformEventId}`));
    return { recorded, duplicates: events.length - rows.length, isNew };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function senderKey(sender: Sender): string {
  return `${sender.channel}/${sender.platformId}`;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Locks channel identities in the order of their ids, before any event is written (see
 * above). NO KEY UPDATE is what the later updates need; unlike FOR UPDATE it does not wait for
 * the key-share locks that other transactions' inserted events hold on their sender.
 */
async function lockIdentities(client: pg.PoolClient, ids: string[]): Promise<void> {
  await client.query('SELECT 1 FROM "ChannelIdentity" WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE', [
    [...new Set(ids)].sort(compareKeys),
  ]);
}

/** Turns rows into one array per column, for unnest(). */
function columns<T>(items: T[], row: (item: T) => unknown[], width: number): unknown[][] {
  const result: unknown[][] = Array.from({ length: width }, () => []);
  for (const item of items) row(item).forEach((value, index) => result[index]!.push(value));
  return result;
}

/** The identity of every sender, creating the missing ones (with a new Person each). */
async function identitiesOf(client: pg.PoolClient, senders: Sender[]): Promise<Map<string, Identity>> {
  const unique = [...new Map(senders.map((sender) => [senderKey(sender), sender])).values()].sort((a, b) =>
    compareKeys(senderKey(a), senderKey(b)),
  );
  const found = await findIdentities(client, unique);
  const missing = unique.filter((sender) => !found.has(senderKey(sender)));
  if (missing.length > 0) {
    const created = missing.map((sender) => ({ sender, personId: randomUUID(), identityId: randomUUID() }));
    await client.query(
      `INSERT INTO "Person" (id, roles, "createdAt", "updatedAt") SELECT id, '{}', now(), now() FROM unnest($1::text[]) AS p(id)`,
      [created.map((c) => c.personId)],
    );
    // Another request may have created the same sender meanwhile: theirs wins, ours is dropped.
    await client.query(
      `INSERT INTO "ChannelIdentity" (id, "personId", channel, "platformId", "phoneNumber", username, "createdAt", "updatedAt")
       SELECT id, person_id, channel::"Channel", platform_id, phone, username, now(), now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS i(id, person_id, channel, platform_id, phone, username)
       ON CONFLICT (channel, "platformId") DO NOTHING`,
      columns(
        created,
        (c) => [
          c.identityId,
          c.personId,
          c.sender.channel,
          c.sender.platformId,
          c.sender.phoneNumber ?? null,
          c.sender.username ?? null,
        ],
        6,
      ),
    );
    for (const [key, identity] of await findIdentities(client, missing)) found.set(key, identity);
    const orphans = created.filter(({ personId, sender }) => found.get(senderKey(sender))?.personId !== personId);
    if (orphans.length > 0)
      await client.query('DELETE FROM "Person" WHERE id = ANY($1::text[])', [orphans.map((o) => o.personId)]);
  }
  return found;
}

async function findIdentities(client: pg.PoolClient, senders: Sender[]): Promise<Map<string, Identity>> {
  const { rows } = await client.query<{ id: string; personId: string; channel: string; platformId: string }>(
    `SELECT ci.id, ci."personId", ci.channel::text AS channel, ci."platformId"
     FROM "ChannelIdentity" ci JOIN unnest($1::text[], $2::text[]) AS s(channel, platform_id)
       ON ci.channel = s.channel::"Channel" AND ci."platformId" = s.platform_id`,
    columns(senders, (sender) => [sender.channel, sender.platformId], 2),
  );
  return new Map(rows.map((row) => [`${row.channel}/${row.platformId}`, { id: row.id, personId: row.personId }]));
}

/** A phone number or username the platform now gives (e.g. a WhatsApp user sharing their number). */
async function refreshContactDetails(
  client: pg.PoolClient,
  senders: Sender[],
  identities: Map<string, Identity>,
): Promise<void> {
  const withDetails = senders.filter((sender) => sender.phoneNumber || sender.username);
  if (withDetails.length === 0) return;
  await client.query(
    `UPDATE "ChannelIdentity" AS ci
     SET "phoneNumber" = COALESCE(v.phone, ci."phoneNumber"), username = COALESCE(v.username, ci.username), "updatedAt" = now()
     FROM unnest($1::text[], $2::text[], $3::text[]) AS v(id, phone, username)
     WHERE ci.id = v.id
       AND (ci."phoneNumber" IS DISTINCT FROM COALESCE(v.phone, ci."phoneNumber") OR ci.username IS DISTINCT FROM COALESCE(v.username, ci.username))`,
    columns(
      withDetails,
      (sender) => [identities.get(senderKey(sender))!.id, sender.phoneNumber ?? null, sender.username ?? null],
      3,
    ),
  );
}

/** How far along a message is; a status never moves a message back to a lower rank. */
const STATUS_RANK = { sent: 1, delivered: 2, read: 3, failed: 4 } as const;

/**
 * Applies platform delivery statuses to the outbox. Statuses can arrive out of order (read
 * before delivered), and concurrently: each is one conditional update, checked against the
 * message as it stands when the row is written, so a status never moves a message backwards.
 * Returns how many were applied.
 */
export async function recordDeliveryStatuses(db: Database, updates: DeliveryStatusUpdate[]): Promise<number> {
  let applied = 0;
  for (const update of updates) {
    const at = new Date(update.at);
    const error = update.status === 'failed' ? (update.error ?? 'failed (no reason given)') : null;
    // Statuses come from WhatsApp, whose message ids are unique across all chats.
    applied += await db.$executeRaw`
      UPDATE "OutboundMessage"
      SET status = ${update.status}::"OutboundStatus",
        "deliveredAt" = CASE WHEN ${update.status} = 'delivered' THEN ${at} ELSE "deliveredAt" END,
        "readAt" = CASE WHEN ${update.status} = 'read' THEN ${at} ELSE "readAt" END,
        "failedAt" = CASE WHEN ${update.status} = 'failed' THEN ${at} ELSE "failedAt" END,
        "lastError" = CASE WHEN ${update.status} = 'failed' THEN ${error} ELSE "lastError" END,
        "updatedAt" = now()
      WHERE channel = ${update.channel}::"Channel" AND "platformMessageId" = ${update.platformMessageId}
        AND (CASE status WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 WHEN 'failed' THEN 4 ELSE 0 END) < ${STATUS_RANK[update.status]}`;
  }
  return applied;
}
