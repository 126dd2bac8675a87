import type { Database } from '../database.ts';

/** How many inbound events PostgreSQL refused and set aside, per channel (for the metrics scrape). */
export async function countRejectedInboundEvents(db: Database): Promise<{ channel: string; count: number }[]> {
  const rows = await db.rejectedInboundEvent.groupBy({ by: ['channel'], _count: true });
  return rows.map((row) => ({ channel: row.channel, count: row._count }));
}
