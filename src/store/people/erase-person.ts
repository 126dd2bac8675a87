import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { isUploadOf, SIMULATOR_UPLOADS_DIR } from '../media/simulator-uploads.ts';
import type { Prisma } from '../generated/client.ts';

/** What an erased person's messages, and messages quoting them, keep: nothing but their place in the outbox. */
const ERASED_PAYLOAD = { kind: 'text', text: '' };

/**
 * The placeholder an erased identity's platform id becomes: unique, and never a platform id,
 * so that the person writing again starts from the beginning as a new person.
 */
function erasedPlatformId(identityId: string): string {
  return `erased:${identityId}`;
}

/**
 * Erases everything personal about a person, in the caller's transaction: names, country, platform ids,
 * phone numbers and usernames; what they wrote (answers, applications, notes, grade comments, messages, inbound
 * events, comments on sessions); messages to others that quote or name them (found through `aboutPersonIds`); their
 * files, and the raw simulator uploads; sign-in links and sessions. Their enrolments stop and
 * their mentoring assignments (as mentee and as mentor) end; anonymous counts (submissions'
 * statuses, check-in signals) stay. Their enrolments are kept (stopped) for those counts rather
 * than deleted: every list and count of people leaves them out by `erasedAt` (the dashboard's
 * through `visibleEnrolments`, STATS, mentor choices, digests, segments, selection). Files are not deleted here: the absolute paths of those to
 * delete (her media files nobody else's row refers to, her raw simulator uploads) are returned,
 * for the caller to delete with `deleteErasedFiles` once the transaction has committed (a
 * transaction that fails then leaves her rows and her files as they were).
 */
export async function erasePerson(
  tx: Prisma.TransactionClient,
  input: { personId: string; at: Date; mediaDir?: string; actorId?: string | null; reason?: 'request' | 'retention' },
): Promise<string[]> {
  const { personId, at } = input;
  const helpDeskFiles = await eraseHelpDesk(tx, personId);
  const files = [...(await tx.mediaFile.findMany({ where: { personId }, select: { path: true } })), ...helpDeskFiles];
  // Raw simulator uploads, stored or refused, are named after their message: found even once its content is purged.
  const simulatorEvents = await tx.inboundEvent.findMany({
    where: { personId, channel: 'simulator' },
    select: { platformEventId: true },
  });
  const submissions = (await tx.submission.findMany({ where: { enrolment: { personId } }, select: { id: true } })).map(
    (s) => s.id,
  );

  await tx.answer.deleteMany({ where: { submissionId: { in: submissions } } });
  // Their applications go whole (answers and reviewers' grades with them); grades they gave lose their words.
  await tx.application.deleteMany({ where: { personId } });
  await tx.applicationReview.updateMany({ where: { reviewerId: personId }, data: { comment: null } });
  await tx.mediaFile.deleteMany({ where: { personId } });
  // Grade comments on their work, and those they wrote; the grade audit entries lose any comment copied there.
  await tx.rubricGrade.updateMany({
    where: { OR: [{ submissionId: { in: submissions } }, { graderId: personId }] },
    data: { comment: null },
  });
  await tx.$executeRaw`
    UPDATE "AuditLog" SET details = details - 'comment'
    WHERE action = 'submission.grade' AND details ? 'comment' AND ("entityId" = ANY(${submissions}::text[]) OR "actorId" = ${personId})`;
  await tx.checkIn.updateMany({
    where: { OR: [{ menteeId: personId }, { mentorId: personId }] },
    data: { note: null },
  });
  await tx.milestone.updateMany({ where: { actionPlan: { enrolment: { personId } } }, data: { note: null } });
  // A session's comment is their own words; the rating stays, an anonymous count like a status.
  await tx.sessionInvitation.updateMany({ where: { personId }, data: { feedbackComment: null } });
  await tx.inboundEvent.updateMany({
    where: { OR: [{ personId }, { aboutPersonIds: { has: personId } }] },
    data: { payload: {}, error: null },
  });
  // Nothing written to them before goes out any more (it is emptied below): only what answers the erasure itself.
  await tx.outboundMessage.updateMany({
    where: { personId, status: { in: ['queued', 'held'] } },
    data: { status: 'skipped' },
  });
  // Nor anything to others that names or quotes them: emptied below, it would go out as an empty text.
  await tx.outboundMessage.updateMany({
    where: { aboutPersonIds: { has: personId }, status: { in: ['queued', 'held'] } },
    data: { status: 'skipped' },
  });
  await tx.outboundMessage.updateMany({
    where: { OR: [{ personId }, { aboutPersonIds: { has: personId } }] },
    data: { payload: ERASED_PAYLOAD, lastError: null },
  });
  // Events of theirs set aside hold their platform id and words: found by it while it is still theirs (ids kept cut to 200).
  await tx.$executeRaw`
    DELETE FROM "RejectedInboundEvent" r USING "ChannelIdentity" ci
    WHERE ci."personId" = ${personId} AND r.channel = ci.channel AND r."senderId" = left(ci."platformId", 200)`;
  // The platform id is replaced at once: a confirmation still to send carries its own address (see outbox.ts).
  const identities = await tx.channelIdentity.findMany({ where: { personId }, select: { id: true } });
  for (const identity of identities) {
    await tx.channelIdentity.update({
      where: { id: identity.id },
      data: { platformId: erasedPlatformId(identity.id), phoneNumber: null, username: null },
    });
  }
  await tx.conversationState.deleteMany({ where: { personId } });
  await tx.signInLink.deleteMany({ where: { personId } });
  // Join codes made for them would attach a chat to what is left of them.
  await tx.inviteCode.deleteMany({ where: { personId } });
  await tx.linkCode.deleteMany({ where: { personId } });
  await tx.offlinePeriod.deleteMany({ where: { personId } });
  await tx.staffSession.deleteMany({ where: { personId } });
  await tx.enrolment.updateMany({
    where: { personId },
    data: {
      status: 'stopped',
      statusBeforeStop: null,
      pausedUntil: null,
      slippingAlertedAt: null,
      statusChangedAt: at,
    },
  });
  await tx.mentorAssignment.updateMany({
    where: { OR: [{ menteeId: personId }, { mentorId: personId }], endedAt: null },
    data: { endedAt: at },
  });
  await tx.person.update({
    where: { id: personId },
    data: { displayName: null, hubId: null, timeZone: null, country: null, erasedAt: at },
  });
  await tx.auditLog.create({
    data: {
      actorId: input.actorId === undefined ? personId : input.actorId,
      action: 'person.erase',
      entity: 'Person',
      entityId: personId,
      details: { reason: input.reason ?? 'request' },
    },
  });

  // Files are named by content: another person may have sent the same one.
  const toDelete: string[] = [];
  if (input.mediaDir) {
    const dir = input.mediaDir;
    for (const file of files) {
      if ((await tx.mediaFile.count({ where: { path: file.path } })) === 0) toDelete.push(path.join(dir, file.path));
    }
    const uploadsDir = path.join(dir, SIMULATOR_UPLOADS_DIR);
    const uploads = simulatorEvents.length === 0 ? [] : await readdir(uploadsDir).catch(() => [] as string[]);
    for (const upload of uploads) {
      if (simulatorEvents.some((event) => isUploadOf(upload, event.platformEventId)))
        toDelete.push(path.join(uploadsDir, upload));
    }
  }
  return toDelete;
}

/**
 * The help desk's part of an erasure. A participant's conversations go with every message, the
 * files the team answered with too (returned, for their paths to be deleted like hers); the
 * copies relayed to the team are outbox rows about her, emptied with the others. A team member
 * who erases loses their name on what they wrote (authorId null) and their assignments (the
 * conversations go back to their level); the words of their answers stay in the participant's
 * record, hers to see and erase, and the files they answered with pass to her for the same reason
 * (their own files are deleted with the rest).
 */
async function eraseHelpDesk(tx: Prisma.TransactionClient, personId: string): Promise<{ path: string }[]> {
  const answered = await tx.helpMessage.findMany({
    where: { conversation: { personId }, mediaFileId: { not: null } },
    select: { mediaFileId: true },
  });
  const answerFileIds = answered.flatMap((message) => (message.mediaFileId ? [message.mediaFileId] : []));
  await tx.helpMessage.deleteMany({ where: { conversation: { personId } } });
  await tx.helpConversation.deleteMany({ where: { personId } });
  // Her own files are deleted with the rest of hers; those of others were only ever in her conversations.
  const teamFiles = await tx.mediaFile.findMany({
    where: {
      id: { in: answerFileIds },
      personId: { not: personId },
      answers: { none: {} },
      helpMessages: { none: {} },
    },
    select: { id: true, path: true },
  });
  await tx.mediaFile.deleteMany({ where: { id: { in: teamFiles.map((file) => file.id) } } });

  // As a team member: files they answered others with pass to those others, their name goes.
  const theirAnswers = await tx.helpMessage.findMany({
    where: { authorId: personId, fromPerson: false, mediaFile: { personId } },
    select: { mediaFileId: true, conversation: { select: { personId: true } } },
  });
  for (const answer of theirAnswers) {
    if (answer.mediaFileId) {
      await tx.mediaFile.update({
        where: { id: answer.mediaFileId },
        data: { personId: answer.conversation.personId },
      });
    }
  }
  await tx.helpMessage.updateMany({ where: { authorId: personId }, data: { authorId: null } });
  await tx.helpConversation.updateMany({ where: { assigneeId: personId }, data: { assigneeId: null } });
  await tx.helpConversation.updateMany({ where: { startedById: personId }, data: { startedById: null } });
  return teamFiles;
}

/**
 * Deletes the files an erasure returned, once its transaction has committed; a file left by a
 * crash before this is unreferenced and harmless.
 */
export async function deleteErasedFiles(paths: Iterable<string>): Promise<void> {
  for (const file of paths) await rm(file, { force: true });
}
