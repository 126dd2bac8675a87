import type { Database } from '../database.ts';

/** Brings a scheduled session's announcement forward to `now`, so that the next sweep sends it. */
export async function markSessionAnnounceDue(db: Database, sessionId: string, now: Date): Promise<boolean> {
  const { count } = await db.session.updateMany({
    where: { id: sessionId, status: 'scheduled' },
    data: { announceAt: now },
  });
  return count > 0;
}
