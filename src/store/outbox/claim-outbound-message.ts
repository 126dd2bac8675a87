import type { ChannelName } from '../../domain/inbound-event.ts';
import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { Database } from '../database.ts';
import { createGroupCommit } from '../group-commit.ts';
import { DELIVERY_GROUP_COMMIT } from './outbox.ts';

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
  /** Not sent after this instant: skipped instead (see session-message-expiry.ts). */
  notAfter: Date | null;
}

/**
 * Which messages count as "earlier, not yet out" and hold a later one to the same person: not one
 * past its `notAfter`, which will be skipped.
 */
export interface OrderRule {
  now: Date;
  /** A message "sending" since before this was interrupted; it no longer holds later ones. */
  stuckBefore: Date;
}

export interface ClaimRequest {
  id: string;
  /** The delivery job; a message it already claimed (and was interrupted sending) is its again. */
  claimant: string | null;
  order: OrderRule;
  /** False when the caller cannot wait (no job to delay): the message goes whatever is before it. */
  inOrder: boolean;
}

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

/**
 * Claims one message for sending (queued → sending, one attempt more), in one statement that
 * also reads its recipient: only if it is queued, or already claimed by this same job (a send
 * interrupted by a crash), and, `inOrder`, only if no earlier message to the same person is
 * still waiting. Null when it cannot be claimed now; `findDeliveryBlocker` says why. The claims of
 * concurrent jobs go together in one statement.
 */
export async function claimOutboundMessage(db: Database, request: ClaimRequest): Promise<ClaimedMessage | null> {
  let claim = claimers.get(db);
  if (!claim) {
    claim = createGroupCommit((requests: ClaimRequest[]) => claimOutboundMessages(db, requests), {
      ...DELIVERY_GROUP_COMMIT,
      key: (request) => request.id,
    });
    claimers.set(db, claim);
  }
  const [claimed] = await claim([request]);
  return claimed ?? null;
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
          AND (e."notAfter" IS NULL OR e."notAfter" > r.now)
          AND (e.status = 'queued' OR (e.status = 'sending' AND e."updatedAt" > r.stuck_before))))
    RETURNING m.id, r.claimant, m.channel::text AS channel, m.purpose, m.payload::text AS payload, m."personId",
      ci.id AS "identityId", ci.channel::text AS "identityChannel",
      COALESCE(m.address->>'platformId', ci."platformId") AS "platformId",
      CASE WHEN m.address IS NULL THEN ci."phoneNumber" ELSE m.address->>'phoneNumber' END AS "phoneNumber", ci."lastInboundAt", ci."unreachableAt",
      p."optedOutAt", p."erasedAt", p."consentAskedAt", m."notAfter"`;
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
      notAfter: row.notAfter,
    };
  });
}
