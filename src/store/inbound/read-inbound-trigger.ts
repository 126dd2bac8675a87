import type { Database } from '../database.ts';

/** Whose event this is and whether it still waits to be handled; null when it is gone. */
export async function readInboundTrigger(
  db: Database,
  eventId: string,
): Promise<{ personId: string | null; status: string } | null> {
  return db.inboundEvent.findUnique({ where: { id: eventId }, select: { personId: true, status: true } });
}
