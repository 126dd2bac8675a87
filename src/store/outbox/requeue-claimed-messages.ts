import type { Database } from '../database.ts';

/** Queues again messages this claimant left "sending" (interrupted before their send started). */
export async function requeueClaimedMessages(db: Database, ids: string[], claimant: string | null): Promise<void> {
  await db.outboundMessage.updateMany({
    where: { id: { in: ids }, status: 'sending', claimedBy: claimant },
    data: { status: 'queued' },
  });
}
