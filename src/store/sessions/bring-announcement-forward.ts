import type { Database } from '../database.ts';
import { recordStaffAction } from '../audit/record-staff-action.ts';
import { NotFoundError } from '../errors.ts';

/** A cancelled session is not announced. */
export class SessionCancelledError extends Error {
  override readonly name = 'SessionCancelledError';
}

/**
 * Makes a session's announcement due now (when it was set for later), so that the next fan-out
 * tells its audience; audited as `session.announce` (with no actor when run from the CLI).
 */
export async function bringAnnouncementForward(
  db: Database,
  options: { sessionId: string; now: Date; actorId: string | null },
): Promise<void> {
  const { sessionId, now, actorId } = options;
  await db.$transaction(async (tx) => {
    const session = await tx.session.findUnique({
      where: { id: sessionId },
      select: { key: true, status: true, announceAt: true },
    });
    if (!session) throw new NotFoundError(`no session has the id "${sessionId}"`);
    if (session.status === 'cancelled')
      throw new SessionCancelledError(`session ${session.key} is cancelled: it is not announced`);
    if (session.announceAt && session.announceAt > now) {
      await tx.session.update({ where: { id: sessionId }, data: { announceAt: now } });
    }
    await recordStaffAction(tx, {
      actorId,
      action: 'session.announce',
      entity: 'Session',
      entityId: sessionId,
      details: {
        key: session.key,
        ...(session.announceAt && session.announceAt > now && { plannedFor: session.announceAt.toISOString() }),
      },
    });
  });
}
