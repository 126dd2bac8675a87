import type { Database } from '../database.ts';

/** The median and 99th percentile of one channel's delivery lag, in seconds; null with nothing sent. */
interface DeliveryLag {
  channel: string;
  p50: number | null;
  p99: number | null;
}

/**
 * Time from each message's planned instant to its sending, per channel, over the messages sent
 * in the last `windowMinutes`.
 */
export async function measureDeliveryLag(db: Database, windowMinutes: number): Promise<DeliveryLag[]> {
  const rows = await db.$queryRaw<DeliveryLag[]>`
    SELECT channel::text AS channel,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "sentAt" - "plannedAt")) AS p50,
      percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM "sentAt" - "plannedAt")) AS p99
    FROM "OutboundMessage"
    WHERE "sentAt" > now() - make_interval(mins => ${windowMinutes})
    GROUP BY channel`;
  // percentile_cont may come back as a numeric the driver hands over as a string.
  return rows.map((row) => ({
    channel: row.channel,
    p50: row.p50 === null ? null : Number(row.p50),
    p99: row.p99 === null ? null : Number(row.p99),
  }));
}
