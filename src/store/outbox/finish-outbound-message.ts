import type { Database } from '../database.ts';
import { Prisma } from '../generated/client.ts';

/** How a claimed message ends its try: queued again (a retry) or not sent, with why. */
export type FinishedStatus = 'failed' | 'skipped' | 'held' | 'queued';

/**
 * Ends a claimed message's try without a send. An address the message carried (its recipient was
 * erased) goes with any end but a retry.
 */
export async function finishOutboundMessage(
  db: Database,
  id: string,
  status: FinishedStatus,
  extra: { failedAt?: Date; lastError?: string } = {},
): Promise<void> {
  await db.outboundMessage.update({
    where: { id },
    data: { status, ...extra, ...(status !== 'queued' && { address: Prisma.DbNull }) },
  });
}
