import type { Database } from '../database.ts';

/** Deletes the events set aside whose last delivery is older than `before`; returns how many went. */
export async function deleteOldRejectedEvents(db: Database, before: Date): Promise<number> {
  return (await db.rejectedInboundEvent.deleteMany({ where: { lastSeenAt: { lt: before } } })).count;
}
