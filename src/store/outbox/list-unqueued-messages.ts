import type { ChannelName } from '../../domain/inbound-event.ts';
import type { Database } from '../database.ts';

/**
 * Messages queued and due since before `staleBefore` with no progress since: their delivery job
 * may be lost. Due for a while, not just now: a message written ahead (a release, quiet hours)
 * has an old updatedAt, and its job (maybe carrying others with it) is only now starting.
 */
export async function listUnqueuedMessages(
  db: Database,
  staleBefore: Date,
  take: number,
): Promise<{ id: string; plannedAt: Date; channel: ChannelName; attempts: number }[]> {
  return db.outboundMessage.findMany({
    where: { status: 'queued', plannedAt: { lt: staleBefore }, updatedAt: { lt: staleBefore } },
    orderBy: { plannedAt: 'asc' },
    take,
    select: { id: true, plannedAt: true, channel: true, attempts: true },
  });
}
