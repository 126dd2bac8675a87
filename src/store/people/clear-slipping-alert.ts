import type { Database } from '../database.ts';

/**
 * Ends a slipping episode (the participant no longer slips), so a later relapse alerts again;
 * unless it changed since it was read. Returns whether this call ended it.
 */
export async function clearSlippingAlert(
  db: Database,
  claim: { enrolmentId: string; alertedAt: Date },
): Promise<boolean> {
  const { count } = await db.enrolment.updateMany({
    where: { id: claim.enrolmentId, slippingAlertedAt: claim.alertedAt },
    data: { slippingAlertedAt: null },
  });
  return count > 0;
}
