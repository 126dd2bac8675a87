import type { ChannelName } from '../../domain/inbound-event.ts';
import type { Database } from '../database.ts';

/** Messages "sending" since before `stuckBefore`, oldest first: their send may have been interrupted. */
export async function listInterruptedSends(
  db: Database,
  stuckBefore: Date,
  take: number,
): Promise<{ id: string; channel: ChannelName; claimedBy: string | null; attempts: number; plannedAt: Date }[]> {
  return db.outboundMessage.findMany({
    where: { status: 'sending', updatedAt: { lt: stuckBefore } },
    orderBy: { updatedAt: 'asc' },
    take,
    select: { id: true, channel: true, claimedBy: true, attempts: true, plannedAt: true },
  });
}
