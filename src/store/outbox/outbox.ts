import { randomUUID } from 'node:crypto';
import type { ChannelName } from '../../domain/inbound-event.ts';
import { SECRET_PURPOSE, type OutboundPayload } from '../../domain/outbound-message.ts';
import type { Database } from '../database.ts';
import { Prisma } from '../generated/client.ts';
import { createGroupCommit } from '../group-commit.ts';

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
    INSERT INTO "OutboundMessage" (id, "personId", "channelIdentityId", channel, purpose, payload, "dedupKey", "plannedAt", "broadcastId", "aboutPersonIds", address, "createdAt", "updatedAt")
    SELECT m.id, m.person_id, m.identity_id, m.channel::"Channel", m.purpose, m.payload, m.dedup_key, m.planned_at, m.broadcast_id,
      ARRAY(SELECT jsonb_array_elements_text(m.about)), m.address, ${now}, ${now}
    FROM unnest(${ids}::text[], ${column((m) => m.personId)}::text[], ${column((m) => m.channelIdentityId)}::text[],
      ${column((m) => channelOf.get(m.channelIdentityId) ?? 'simulator')}::text[], ${column((m) => m.purpose)}::text[],
      ${column((m) => JSON.stringify(m.payload))}::jsonb[], ${column((m) => m.dedupKey ?? null)}::text[],
      ${column((m) => m.plannedAt ?? now)}::timestamptz[], ${column((m) => m.broadcastId ?? null)}::text[],
      ${column((m) => JSON.stringify([...new Set(m.aboutPersonIds ?? [])]))}::jsonb[], ${column((m) => (m.address ? JSON.stringify(m.address) : null))}::jsonb[])
      WITH ORDINALITY AS m(id, person_id, identity_id, channel, purpose, payload, dedup_key, planned_at, broadcast_id, about, address, position)
    ORDER BY m.position
    ON CONFLICT DO NOTHING
    RETURNING id, "plannedAt", channel::text AS channel, attempts, "channelIdentityId"`;
  const position = new Map(ids.map((id, index) => [id, index]));
  return rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
}

/** A message claimed for sending, with what the send needs to know about its recipient. */
export interface ClaimedMessage {
  id: string;
  channel: ChannelName;
  purpose: string;
  payload: OutboundPayload;
  personId: string;
  identity: {
    id: string;
    channel: ChannelName;
    platformId: string;
    phoneNumber: string | null;
    lastInboundAt: Date | null;
    unreachableAt: Date | null;
  };
  optedOutAt: Date | null;
  erasedAt: Date | null;
  /** Set while the person is asked to consent to a new consent text: only replies go to them. */
  consentAskedAt: Date | null;
}

/** `lastError` of a message held until its person answers a programme's new consent text. */
export const HELD_FOR_CONSENT = 'held until the person answers the new consent text';

/** Which messages count as "earlier, not yet out" and hold a later one to the same person. */
export interface OrderRule {
  now: Date;
  /** A message "sending" since before this was interrupted; it no longer holds later ones. */
  stuckBefore: Date;
}

interface ClaimRequest {
  id: string;
  /** The delivery job; a message it already claimed (and was interrupted sending) is its again. */
  claimant: string | null;
  order: OrderRule;
  /** False when the caller cannot wait (no job to delay): the message goes whatever is before it. */
  inOrder: boolean;
}

/** Claims and records of many delivery jobs at once go in one statement each (group commit). */
const GROUP = { maxBatch: 64, maxInFlight: 3 };

type ClaimRow = Omit<ClaimedMessage, 'payload' | 'identity'> & {
  claimant: string | null;
  payload: string;
  identityId: string;
  identityChannel: ChannelName;
  platformId: string;
  phoneNumber: string | null;
  lastInboundAt: Date | null;
  unreachableAt: Date | null;
};

const claimers = new WeakMap<Database, (requests: ClaimRequest[]) => Promise<(ClaimedMessage | null)[]>>();
const recorders = new WeakMap<Database, (sends: SentRecord[]) => Promise<void[]>>();

/**
 * Claims one message for sending (queued → sending, one attempt more), in one statement that
 * also reads its recipient: only if it is queued, or already claimed by this same job (a send
 * interrupted by a crash), and, `inOrder`, only if no earlier message to the same person is
 * still waiting. Null when it cannot be claimed now; `deliveryBlocker` says why. The claims of
 * concurrent jobs go together in one statement.
 */
export async function claimOutboundMessage(db: Database, request: ClaimRequest): Promise<ClaimedMessage | null> {
  let claim = claimers.get(db);
  if (!claim) {
    claim = createGroupCommit((requests: ClaimRequest[]) => claimOutboundMessages(db, requests), {
      ...GROUP,
      key: (request) => request.id,
    });
    claimers.set(db, claim);
  }
  const [claimed] = await claim([request]);
  return claimed ?? null;
}

/** Where messages stand: what a delivery job carrying several has still to send. */
export async function outboxStates(
  db: Database,
  ids: string[],
): Promise<(OutboxRow & { status: string; claimedBy: string | null; sequence: bigint; channelIdentityId: string })[]> {
  if (ids.length === 0) return [];
  return db.$queryRaw`
    SELECT id, "plannedAt", channel::text AS channel, attempts, "channelIdentityId", status::text AS status, "claimedBy", sequence
    FROM "OutboundMessage" WHERE id = ANY(${ids}::text[])`;
}

async function claimOutboundMessages(db: Database, requests: ClaimRequest[]): Promise<(ClaimedMessage | null)[]> {
  const rows = await db.$queryRaw<ClaimRow[]>`
    UPDATE "OutboundMessage" AS m
    SET status = 'sending', attempts = m.attempts + 1, "claimedBy" = r.claimant, "updatedAt" = r.now
    FROM unnest(${requests.map((q) => q.id)}::text[], ${requests.map((q) => q.claimant)}::text[], ${requests.map((q) => q.inOrder)}::boolean[],
        ${requests.map((q) => q.order.now)}::timestamptz[], ${requests.map((q) => q.order.stuckBefore)}::timestamptz[])
        AS r(id, claimant, in_order, now, stuck_before),
      "ChannelIdentity" AS ci, "Person" AS p
    WHERE m.id = r.id AND ci.id = m."channelIdentityId" AND p.id = m."personId"
      AND (m.status = 'queued' OR (m.status = 'sending' AND m."claimedBy" = r.claimant))
      AND (NOT r.in_order OR NOT EXISTS (
        SELECT 1 FROM "OutboundMessage" AS e
        WHERE e."channelIdentityId" = m."channelIdentityId" AND e.sequence < m.sequence AND e."plannedAt" <= r.now
          AND (e.status = 'queued' OR (e.status = 'sending' AND e."updatedAt" > r.stuck_before))))
    RETURNING m.id, r.claimant, m.channel::text AS channel, m.purpose, m.payload::text AS payload, m."personId",
      ci.id AS "identityId", ci.channel::text AS "identityChannel",
      COALESCE(m.address->>'platformId', ci."platformId") AS "platformId",
      CASE WHEN m.address IS NULL THEN ci."phoneNumber" ELSE m.address->>'phoneNumber' END AS "phoneNumber", ci."lastInboundAt", ci."unreachableAt",
      p."optedOutAt", p."erasedAt", p."consentAskedAt"`;
  // Two jobs for one message in one batch: the row is claimed once, by the job RETURNING names.
  const byClaim = new Map(rows.map((row) => [`${row.id}|${row.claimant ?? ''}`, row]));
  return requests.map(({ id, claimant }) => {
    const row = byClaim.get(`${id}|${claimant ?? ''}`);
    if (!row) return null;
    byClaim.delete(`${id}|${claimant ?? ''}`);
    return {
      id: row.id,
      channel: row.channel,
      purpose: row.purpose,
      payload: JSON.parse(row.payload) as OutboundPayload,
      personId: row.personId,
      identity: {
        id: row.identityId,
        channel: row.identityChannel,
        platformId: row.platformId,
        phoneNumber: row.phoneNumber,
        lastInboundAt: row.lastInboundAt,
        unreachableAt: row.unreachableAt,
      },
      optedOutAt: row.optedOutAt,
      erasedAt: row.erasedAt,
      consentAskedAt: row.consentAskedAt,
    };
  });
}

/** A claim as it was asked for: which message, by which job, at what instant (its `order.now`). */
export interface ClaimMade {
  id: string;
  claimant: string | null;
  at: Date;
}

/**
 * Gives claims back (sending → queued) whose send never started because the database went away:
 * made just before, or whose statement failed without saying whether it was written. So they go
 * without waiting for the sweep's STUCK_SENDING_MS. Only while the claim is that very one (same
 * job, same instant): a claim made again since, by any worker, is left alone.
 */
export async function releaseClaims(db: Database, claims: ClaimMade[], now: Date): Promise<void> {
  if (claims.length === 0) return;
  await db.$executeRaw`
    UPDATE "OutboundMessage" AS m SET status = 'queued', "updatedAt" = ${now}
    FROM unnest(${claims.map((c) => c.id)}::text[], ${claims.map((c) => c.claimant ?? '')}::text[], ${claims.map((c) => c.at)}::timestamptz[]) AS r(id, claimant, at)
    WHERE m.id = r.id AND m.status = 'sending' AND COALESCE(m."claimedBy", '') = r.claimant AND m."updatedAt" = r.at`;
}

/**
 * Why a message cannot be claimed now: it is not there to send ('done': sent, failed, claimed by
 * another job…), or an earlier message to the same person must go first ('earlier'); null when
 * nothing stands in the way. With the identity it goes to, the key of its chat.
 */
export async function deliveryBlocker(
  db: Database,
  request: Omit<ClaimRequest, 'inOrder'>,
): Promise<{ blocker: 'done' | 'earlier' | null; channelIdentityId: string }> {
  const { id, claimant, order } = request;
  const rows = await db.$queryRaw<{ claimable: boolean; waiting: boolean; channelIdentityId: string }[]>`
    SELECT (m.status = 'queued' OR (m.status = 'sending' AND m."claimedBy" = ${claimant})) AS claimable,
      EXISTS (${earlierWaiting(order)}) AS waiting, m."channelIdentityId"
    FROM "OutboundMessage" AS m WHERE m.id = ${id}`;
  const row = rows[0];
  if (!row?.claimable) return { blocker: 'done', channelIdentityId: row?.channelIdentityId ?? '' };
  return { blocker: row.waiting ? 'earlier' : null, channelIdentityId: row.channelIdentityId };
}

/** An earlier message to the same person as `m` that is still queued or being sent. */
function earlierWaiting({ now, stuckBefore }: OrderRule) {
  return Prisma.sql`SELECT 1 FROM "OutboundMessage" AS e
    WHERE e."channelIdentityId" = m."channelIdentityId" AND e.sequence < m.sequence AND e."plannedAt" <= ${now}
      AND (e.status = 'queued' OR (e.status = 'sending' AND e."updatedAt" > ${stuckBefore}))`;
}

/**
 * What the outbox keeps of a message with a secret once sent (the simulator's transcript is the
 * outbox itself: there it stays, as does the address of an erased simulator session, one of the
 * simulator's own made-up ids, by which its page still finds the erasure's confirmation).
 */
const SECRET_REMOVED: OutboundPayload = { kind: 'text', text: '[sign-in link, removed once sent]' };

/**
 * What a send forgets, however it is recorded (at once or from the journal): an erased person's
 * address (kept only by the simulator) and a secret's text. For `m`, the message being updated.
 */
function forgottenOnceSent(): Prisma.Sql {
  return Prisma.sql`address = CASE WHEN m.channel = 'simulator' THEN m.address ELSE NULL END,
    payload = CASE WHEN m.purpose = ${SECRET_PURPOSE} AND m.channel <> 'simulator' THEN ${JSON.stringify(SECRET_REMOVED)}::jsonb ELSE m.payload END`;
}

export interface SentRecord {
  id: string;
  platformMessageId: string;
  at: Date;
}

/**
 * Records sends a worker's journal kept while PostgreSQL was away (see send-journal.ts), in one
 * statement. A message still queued (queued again by the sweep, not yet claimed) is recorded too:
 * it was sent. A later status (sent, delivered, read, failed…) is never overwritten.
 */
export async function recordJournaledSends(db: Database, sends: SentRecord[]): Promise<void> {
  if (sends.length === 0) return;
  await db.$executeRaw`
    UPDATE "OutboundMessage" AS m
    SET status = 'sent', "platformMessageId" = r.platform_id, "sentAt" = r.at, "lastError" = NULL, "updatedAt" = r.at, ${forgottenOnceSent()}
    FROM unnest(${sends.map((s) => s.id)}::text[], ${sends.map((s) => s.platformMessageId)}::text[], ${sends.map((s) => s.at)}::timestamptz[])
      AS r(id, platform_id, at)
    WHERE m.id = r.id AND m.status IN ('queued', 'sending')`;
}

/**
 * Records a send: the platform's message id and when. The records of concurrent jobs go
 * together in one statement; it resolves once this one is written.
 */
export async function recordSent(db: Database, id: string, platformMessageId: string, at: Date): Promise<void> {
  let record = recorders.get(db);
  if (!record) {
    record = createGroupCommit(
      async (sends: SentRecord[]) => {
        await db.$executeRaw`
          UPDATE "OutboundMessage" AS m
          SET status = 'sent', "platformMessageId" = r.platform_id, "sentAt" = r.at, "lastError" = NULL, "updatedAt" = r.at, ${forgottenOnceSent()}
          FROM unnest(${sends.map((s) => s.id)}::text[], ${sends.map((s) => s.platformMessageId)}::text[], ${sends.map((s) => s.at)}::timestamptz[])
            AS r(id, platform_id, at)
          WHERE m.id = r.id AND m.status = 'sending'`;
        return sends.map(() => undefined);
      },
      { ...GROUP, key: (send) => send.id },
    );
    recorders.set(db, record);
  }
  await record([{ id, platformMessageId, at }]);
}
