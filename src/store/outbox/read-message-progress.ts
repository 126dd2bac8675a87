import type { Database } from '../database.ts';

/** A message's status and how many times it was claimed; null when it is gone. */
export async function readMessageProgress(
  db: Database,
  id: string,
): Promise<{ status: string; attempts: number } | null> {
  return db.outboundMessage.findUnique({ where: { id }, select: { status: true, attempts: true } });
}
