import type { Database } from '../database.ts';

/** Empties the content of events handled (or ignored) received before `before`; returns how many. */
export async function clearOldInboundPayloads(db: Database, before: Date): Promise<number> {
  const { count } = await db.inboundEvent.updateMany({
    where: { status: { in: ['processed', 'ignored'] }, receivedAt: { lt: before }, NOT: { payload: { equals: {} } } },
    data: { payload: {} },
  });
  return count;
}
