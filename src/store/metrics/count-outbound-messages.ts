import type { Database } from '../database.ts';

/** How many outbox messages there are, per channel and status (for the metrics scrape). */
export async function countOutboundMessages(
  db: Database,
): Promise<{ channel: string; status: string; count: number }[]> {
  const rows = await db.outboundMessage.groupBy({ by: ['channel', 'status'], _count: true });
  return rows.map((row) => ({ channel: row.channel, status: row.status, count: row._count }));
}
