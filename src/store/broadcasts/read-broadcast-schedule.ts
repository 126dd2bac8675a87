import type { Database } from '../database.ts';

/** Where a broadcast stands and when it is due; null when it is gone. */
export async function readBroadcastSchedule(
  db: Database,
  broadcastId: string,
): Promise<{ status: string; scheduledAt: Date | null } | null> {
  return db.broadcast.findUnique({ where: { id: broadcastId }, select: { status: true, scheduledAt: true } });
}
