import type { ApplicationView } from '../../conversation/stores/application-store.ts';
import type { Prisma } from '../generated/client.ts';

/** A person's applications with their answers, oldest first. */
export async function listPersonApplications(
  tx: Prisma.TransactionClient,
  personId: string,
): Promise<ApplicationView[]> {
  const rows = await tx.application.findMany({
    where: { personId },
    orderBy: { createdAt: 'asc' },
    include: { answers: { orderBy: { answeredAt: 'asc' } } },
  });
  return rows.map(applicationView);
}

export function applicationView(row: Prisma.ApplicationGetPayload<{ include: { answers: true } }>): ApplicationView {
  return {
    id: row.id,
    callId: row.callId,
    status: row.status,
    currentPosition: row.currentPosition,
    consentVersion: row.consentVersion,
    city: row.city,
    submittedAt: row.submittedAt,
    decision: row.decision,
    answers: row.answers.map((a) => ({
      questionKey: a.questionKey,
      value: a.value,
      skipped: a.skipped,
      mediaFileId: a.mediaFileId,
    })),
  };
}
