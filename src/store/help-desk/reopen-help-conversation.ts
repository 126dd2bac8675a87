import { escalationDue } from '../../domain/help-desk/help-routing.ts';
import type { DashboardScope } from '../access/visible-enrolments.ts';
import { recordStaffAction } from '../audit/record-staff-action.ts';
import type { Database } from '../database.ts';
import { loadHelpConversation } from './load-help-conversation.ts';

/**
 * Opens a closed conversation the viewer may see again. When the person wrote last, the team owes
 * an answer again: it waits from now (a full delay before it passes up); otherwise it waits for
 * the person. Audited; reopening one that is not closed changes nothing.
 */
export async function reopenHelpConversation(
  db: Database,
  request: { scope: DashboardScope; conversationId: string; actorId: string; now: Date },
): Promise<void> {
  const { scope, conversationId, actorId, now } = request;
  await db.$transaction(async (tx) => {
    const conversation = await loadHelpConversation(tx, scope, conversationId);
    if (conversation.status !== 'closed') return;
    const personLast = conversation.messages.at(-1)?.fromPerson ?? false;
    await tx.helpConversation.update({
      where: { id: conversationId },
      data: personLast
        ? {
            status: 'open',
            closedAt: null,
            waitingSince: now,
            escalateAt: escalationDue(now, conversation.level, conversation.programme.escalateAfterMinutes),
          }
        : { status: 'waiting', closedAt: null, waitingSince: null, escalateAt: null },
    });
    await recordStaffAction(tx, {
      actorId,
      action: 'help.reopen',
      entity: 'HelpConversation',
      entityId: conversationId,
    });
  });
}
