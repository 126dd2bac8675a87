import type { Database } from '../database.ts';
import type { InterruptedSend } from './requeue-interrupted-message.ts';

/**
 * Fails a message interrupted again and again while being sent, so that it no longer holds the
 * ones after it; false when it is no longer that same claim's.
 */
export async function giveUpInterruptedMessage(
  db: Database,
  send: InterruptedSend & { attempts: number },
  now: Date,
): Promise<boolean> {
  const failed = await db.outboundMessage.updateMany({
    where: { id: send.id, status: 'sending', claimedBy: send.claimedBy },
    data: {
      status: 'failed',
      failedAt: now,
      lastError: `interrupted ${send.attempts} times while being sent; given up`,
    },
  });
  return failed.count === 1;
}
