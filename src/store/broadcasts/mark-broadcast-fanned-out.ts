import type { Database } from '../database.ts';

/** Every recipient's message of the broadcast is in the outbox. */
export async function markBroadcastFannedOut(db: Database, broadcastId: string, now: Date): Promise<void> {
  await db.broadcast.update({ where: { id: broadcastId }, data: { status: 'sent', fannedOutAt: now } });
}
