import { recordStaffAction } from '../audit/record-staff-action.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';

/** Puts a handed-in application on the shortlist or takes it off, audited when it changes. */
export async function shortlistApplication(
  db: Database,
  request: { applicationId: string; callId: string; actorId: string; shortlisted: boolean },
): Promise<{ changed: boolean }> {
  const { applicationId, shortlisted } = request;
  return db.$transaction(async (tx) => {
    const application = await tx.application.findFirst({
      where: { id: applicationId, callId: request.callId, status: 'submitted', person: { erasedAt: null } },
      select: { shortlisted: true },
    });
    if (!application) throw new NotFoundError(`application ${applicationId} is not a handed-in one the viewer may see`);
    const { count } = await tx.application.updateMany({
      where: { id: applicationId, shortlisted: !shortlisted },
      data: { shortlisted },
    });
    if (count > 0)
      await recordStaffAction(tx, {
        actorId: request.actorId,
        action: shortlisted ? 'application.shortlist' : 'application.unshortlist',
        entity: 'Application',
        entityId: applicationId,
      });
    return { changed: count > 0 };
  });
}
