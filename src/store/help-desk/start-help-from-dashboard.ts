import type { DashboardScope } from '../access/visible-enrolments.ts';
import { visibleEnrolments } from '../access/visible-enrolments.ts';
import { recordStaffAction } from '../audit/record-staff-action.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import type { OutboxRow } from '../outbox/outbox.ts';
import { startHelpConversation } from './answer-help-conversation.ts';
import type { HelpMessageInput } from './ask-for-help.ts';
import { findHelpAsker } from './find-help-asker.ts';
import { teamAnswerOutbox, type ComposeTeamAnswer } from './team-answer-outbox.ts';
import { viewerHelpLevel } from './viewer-help-level.ts';

/**
 * A mentor, trainer or staff member writes first, from the dashboard, to a participant they may
 * see: the message goes into the person's conversation (opened if none is), to their outbox, and
 * into the audit log, in one transaction. NotFoundError for a person they may not see or who is not
 * an active participant. Returns the conversation and the rows to queue after the commit.
 */
export async function startHelpFromDashboard(
  db: Database,
  request: {
    scope: DashboardScope;
    personId: string;
    authorId: string;
    message: HelpMessageInput;
    now: Date;
    compose: ComposeTeamAnswer;
  },
): Promise<{ conversationId: string; outbox: OutboxRow[] }> {
  const { scope, personId, authorId, message, now } = request;
  return db.$transaction(async (tx) => {
    const enrolment = await tx.enrolment.findFirst({
      where: { AND: [visibleEnrolments(scope), { personId, role: 'participant' }] },
      orderBy: { createdAt: 'desc' },
      select: { cohortId: true },
    });
    const asker = enrolment ? await findHelpAsker(tx, personId, enrolment.cohortId) : null;
    if (!asker) throw new NotFoundError(`person ${personId} is not a participant the viewer may write to`);
    const level = viewerHelpLevel(scope, asker);
    const answer = await startHelpConversation(tx, { asker, authorId, level, message, now });
    if (!answer) throw new NotFoundError(`person ${personId} is gone`);
    const programme = await tx.programme.findUniqueOrThrow({
      where: { id: asker.programmeId },
      select: { defaultLocale: true },
    });
    const outbox = await teamAnswerOutbox(tx, answer, request.compose(answer, level, programme), now);
    await recordStaffAction(tx, {
      actorId: authorId,
      action: 'help.start',
      entity: 'HelpConversation',
      entityId: answer.conversationId,
      details: { file: message.mediaFileId !== null },
    });
    return { conversationId: answer.conversationId, outbox };
  });
}
