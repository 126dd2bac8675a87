import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Prisma } from '../generated/client.ts';

/**
 * Erases a person's personal data: name, hub, own time zone, answers, files, notes about them,
 * message contents, phone number and username; anonymous counts (statuses, timestamps) stay.
 * The same for DELETE in chat (`reason: 'request'`, the person is the actor) and for the
 * programme's retention (`reason: 'retention'`, no actor). Media files go once the rows are gone.
 */
export async function erasePerson(
  tx: Prisma.TransactionClient,
  input: { personId: string; at: Date; mediaDir?: string; actorId?: string | null; reason?: 'request' | 'retention' },
): Promise<void> {
  const { personId, at } = input;
  const reason = input.reason ?? 'request';
  const files = await tx.mediaFile.findMany({ where: { personId }, select: { path: true } });
  await tx.answer.deleteMany({ where: { submission: { enrolment: { personId } } } });
  await tx.mediaFile.deleteMany({ where: { personId } });
  await tx.checkIn.updateMany({ where: { menteeId: personId }, data: { note: null } });
  await tx.milestone.updateMany({ where: { actionPlan: { enrolment: { personId } } }, data: { note: null } });
  await tx.inboundEvent.updateMany({ where: { personId }, data: { payload: {} } });
  await tx.outboundMessage.updateMany({ where: { personId }, data: { payload: { kind: 'text', text: '' } } });
  await tx.channelIdentity.updateMany({ where: { personId }, data: { phoneNumber: null, username: null } });
  await tx.conversationState.deleteMany({ where: { personId } });
  await tx.person.update({ where: { id: personId }, data: { displayName: null, hubId: null, timeZone: null, erasedAt: at } });
  await tx.auditLog.create({
    data: {
      actorId: input.actorId === undefined ? personId : input.actorId,
      action: 'person.erase',
      entity: 'Person',
      entityId: personId,
      ...(reason !== 'request' && { details: { reason } }),
    },
  });
  // Files go once the rows are gone; a file left by a crash here is unreferenced and harmless.
  // Files are named by content: another person may have sent the same one.
  if (input.mediaDir) {
    for (const file of files) {
      if ((await tx.mediaFile.count({ where: { path: file.path } })) === 0) await rm(path.join(input.mediaDir, file.path), { force: true });
    }
  }
}
