import type { DashboardScope } from '../access/visible-enrolments.ts';
import { recordStaffAction } from '../audit/record-staff-action.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import type { OutboxRow } from '../outbox/outbox.ts';
import { answerHelpConversation } from './answer-help-conversation.ts';
import type { HelpMessageInput } from './ask-for-help.ts';
import { loadHelpConversation } from './load-help-conversation.ts';
import { teamAnswerOutbox, type ComposeTeamAnswer } from './team-answer-outbox.ts';
import { viewerHelpLevel } from './viewer-help-level.ts';

/**
 * Someone of the team answers, from the dashboard, a conversation they may see: in one
 * transaction the message is kept, the conversation waits for the person, the answer is written
 * to their outbox and the action audited. Returns the rows to queue for delivery (after the commit).
 */
export async function replyToHelpConversation(
  db: Database,
  request: {
    scope: DashboardScope;
    conversationId: string;
    authorId: string;
    message: HelpMessageInput;
    now: Date;
    compose: ComposeTeamAnswer;
  },
): Promise<OutboxRow[]> {
  const { scope, conversationId, authorId, message, now } = request;
  return db.$transaction(async (tx) => {
    const conversation = await loadHelpConversation(tx, scope, conversationId);
    const authorRole = viewerHelpLevel(scope, {
      personId: conversation.person.id,
      cohortId: conversation.cohortId,
      hubId: conversation.person.hubId,
    });
    const answer = await answerHelpConversation(tx, {
      conversationId,
      authorId,
      authorLevel: authorRole,
      message,
      now,
    });
    if (!answer) throw new NotFoundError(`help conversation ${conversationId} is gone`);
    const outbox = await teamAnswerOutbox(tx, answer, request.compose(answer, authorRole, conversation.programme), now);
    await recordStaffAction(tx, {
      actorId: authorId,
      action: 'help.reply',
      entity: 'HelpConversation',
      entityId: conversationId,
      details: { file: message.mediaFileId !== null },
    });
    return outbox;
  });
}
