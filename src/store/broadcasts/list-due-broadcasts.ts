import type { Database } from '../database.ts';

/** Broadcasts still scheduled whose time has come: their fan-out job may be lost. */
export async function listDueBroadcasts(db: Database, now: Date): Promise<{ id: string; scheduledAt: Date | null }[]> {
  return db.broadcast.findMany({
    where: { status: 'scheduled', scheduledAt: { lte: now } },
    select: { id: true, scheduledAt: true },
  });
}
