import type { Database } from '../database.ts';
import type { OutboxRow } from './outbox.ts';

/** Where messages stand: what a delivery job carrying several has still to send. */
export async function readOutboxStates(
  db: Database,
  ids: string[],
): Promise<(OutboxRow & { status: string; claimedBy: string | null; sequence: bigint; channelIdentityId: string })[]> {
  if (ids.length === 0) return [];
  return db.$queryRaw`
    SELECT id, "plannedAt", channel::text AS channel, attempts, "channelIdentityId", status::text AS status, "claimedBy", sequence
    FROM "OutboundMessage" WHERE id = ANY(${ids}::text[])`;
}
