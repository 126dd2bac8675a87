import { recordStaffAction } from '../audit/record-staff-action.ts';
import type { Database } from '../database.ts';

/**
 * Cancels a scheduled session, audited (`session.cancel`); everyone invited is told by the
 * sessions job (`cancelNoticeSentAt` still null). Returns false when it was already cancelled.
 */
export async function cancelSession(
  db: Database,
  request: { sessionId: string; actorId: string | null; now: Date },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({
      where: { id: request.sessionId, status: 'scheduled' },
      data: { status: 'cancelled', cancelledAt: request.now },
    });
    if (count > 0)
      await recordStaffAction(tx, {
        actorId: request.actorId,
        action: 'session.cancel',
        entity: 'Session',
        entityId: request.sessionId,
      });
    return count > 0;
  });
}
