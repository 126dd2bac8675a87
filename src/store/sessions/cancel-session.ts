import type { Database } from '../database.ts';
import { recordStaffAction } from '../audit/record-staff-action.ts';
import { NotFoundError } from '../errors.ts';

/**
 * Cancels a session (audited `session.cancel`): no more announcements or reminders, and the
 * session notices job tells everyone it was announced to. Cancelling it again changes nothing.
 */
export async function cancelSession(
  db: Database,
  options: { sessionId: string; actorId: string | null; now: Date },
): Promise<{ cancelled: boolean }> {
  const { sessionId, actorId, now } = options;
  return db.$transaction(async (tx) => {
    const session = await tx.session.findUnique({ where: { id: sessionId }, select: { key: true } });
    if (!session) throw new NotFoundError(`no session has the id "${sessionId}"`);
    const { count } = await tx.session.updateMany({
      where: { id: sessionId, status: 'scheduled' },
      data: { status: 'cancelled', cancelledAt: now },
    });
    if (count === 0) return { cancelled: false };
    await tx.sessionVenue.updateMany({ where: { sessionId }, data: { nextReminderAt: null, changeNoticeDueAt: null } });
    await recordStaffAction(tx, {
      actorId,
      action: 'session.cancel',
      entity: 'Session',
      entityId: sessionId,
      details: { key: session.key },
    });
    return { cancelled: true };
  });
}
