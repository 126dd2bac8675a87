import { recordStaffAction } from '../audit/record-staff-action.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';

/**
 * Cancels a broadcast of one of the programmes given (the viewer's) while nobody has started
 * sending it (the fan-out claims it by the same status), audited. Returns false when it is no
 * longer scheduled; NotFoundError when it is not one of those programmes'.
 */
export async function cancelBroadcast(
  db: Database,
  request: { broadcastId: string; programmeIds: string[]; actorId: string },
): Promise<boolean> {
  const { broadcastId } = request;
  // Only whether it is the viewer's: its delivery report is not needed to cancel it.
  const broadcast = await db.broadcast.findUnique({ where: { id: broadcastId }, select: { programmeId: true } });
  if (!broadcast || !request.programmeIds.includes(broadcast.programmeId))
    throw new NotFoundError(`broadcast ${broadcastId} is not visible`);
  return db.$transaction(async (tx) => {
    const { count } = await tx.broadcast.updateMany({
      where: { id: broadcastId, status: 'scheduled' },
      data: { status: 'cancelled' },
    });
    if (count > 0)
      await recordStaffAction(tx, {
        actorId: request.actorId,
        action: 'broadcast.cancel',
        entity: 'Broadcast',
        entityId: broadcastId,
      });
    return count > 0;
  });
}
