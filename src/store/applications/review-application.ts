import { recordStaffAction } from '../audit/record-staff-action.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';

/** A review refused because the application is not handed in yet. */
export class ApplicationNotSubmittedError extends Error {
  override readonly name = 'ApplicationNotSubmittedError';
}

/**
 * A reviewer's grade and comment of a handed-in application: their own review, made or changed
 * (one per reviewer), audited in the same transaction. The comment is not copied to the audit.
 */
export async function reviewApplication(
  db: Database,
  request: { applicationId: string; callId: string; reviewerId: string; score: number; comment: string | null },
): Promise<void> {
  const { applicationId, reviewerId, score, comment } = request;
  await db.$transaction(async (tx) => {
    const application = await tx.application.findFirst({
      where: { id: applicationId, callId: request.callId, person: { erasedAt: null } },
      select: { status: true },
    });
    if (!application) throw new NotFoundError(`application ${applicationId} is not one the reviewer may see`);
    if (application.status !== 'submitted')
      throw new ApplicationNotSubmittedError(`application ${applicationId} is not handed in yet`);
    await tx.applicationReview.upsert({
      where: { applicationId_reviewerId: { applicationId, reviewerId } },
      create: { applicationId, reviewerId, score, comment },
      update: { score, comment },
    });
    await recordStaffAction(tx, {
      actorId: reviewerId,
      action: 'application.review',
      entity: 'Application',
      entityId: applicationId,
      details: { score, commented: comment !== null },
    });
  });
}
