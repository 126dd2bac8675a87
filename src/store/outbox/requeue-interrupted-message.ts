import type { Database } from '../database.ts';

/** A message left "sending" by a claim that will not come back to it. */
export interface InterruptedSend {
  id: string;
  claimedBy: string | null;
}

/** Queues an interrupted message again, while it is still that same claim's; false when it no longer is. */
export async function requeueInterruptedMessage(db: Database, send: InterruptedSend): Promise<boolean> {
  const requeued = await db.outboundMessage.updateMany({
    where: { id: send.id, status: 'sending', claimedBy: send.claimedBy },
    data: { status: 'queued' },
  });
  return requeued.count > 0;
}
