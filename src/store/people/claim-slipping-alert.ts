import type { Database } from '../database.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../outbox/outbox.ts';

/**
 * Claims a slipping episode and writes its alerts, in one transaction: `Enrolment.slippingAlertedAt`
 * is set only where it was not, so several workers alert once. Returns the rows to deliver, or
 * null when another worker claimed the episode first.
 */
export async function claimSlippingAlert(
  db: Database,
  claim: { enrolmentId: string; alertedAt: Date },
  messages: NewOutboundMessage[],
): Promise<OutboxRow[] | null> {
  return db.$transaction(async (tx) => {
    const claimed = await tx.enrolment.updateMany({
      where: { id: claim.enrolmentId, slippingAlertedAt: null },
      data: { slippingAlertedAt: claim.alertedAt },
    });
    if (claimed.count === 0) return null;
    return addOutboundMessages(tx, messages, claim.alertedAt);
  });
}
