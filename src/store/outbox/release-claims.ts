import type { Database } from '../database.ts';

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
