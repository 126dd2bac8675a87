import type { Database } from '../database.ts';
import { Prisma } from '../generated/client.ts';
import type { ClaimRequest, OrderRule } from './claim-outbound-message.ts';

/**
 * Why a message cannot be claimed now: it is not there to send ('done': sent, failed, claimed by
 * another job…), or an earlier message to the same person must go first ('earlier'); null when
 * nothing stands in the way. With the identity it goes to, the key of its chat.
 */
export async function findDeliveryBlocker(
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

/** An earlier message to the same person as `m` that is still queued or being sent (and not expired), as the claim sees it. */
function earlierWaiting({ now, stuckBefore }: OrderRule) {
  return Prisma.sql`SELECT 1 FROM "OutboundMessage" AS e
    WHERE e."channelIdentityId" = m."channelIdentityId" AND e.sequence < m.sequence AND e."plannedAt" <= ${now}
      AND (e."notAfter" IS NULL OR e."notAfter" > ${now})
      AND (e.status = 'queued' OR (e.status = 'sending' AND e."updatedAt" > ${stuckBefore}))`;
}
