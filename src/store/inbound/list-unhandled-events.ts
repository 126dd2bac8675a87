import type { Database } from '../database.ts';

/** Events recorded before `staleBefore` and still not handled, oldest first: their job may be lost. */
export async function listUnhandledEvents(db: Database, staleBefore: Date, take: number): Promise<{ id: string }[]> {
  return db.inboundEvent.findMany({
    where: { status: 'received', receivedAt: { lt: staleBefore } },
    orderBy: { receivedAt: 'asc' },
    take,
    select: { id: true },
  });
}
