import type { DashboardScope } from '../access/visible-enrolments.ts';
import { recordStaffAction } from '../audit/record-staff-action.ts';
import type { Database } from '../database.ts';
import { loadHelpConversation } from './load-help-conversation.ts';

/**
 * Closes a conversation the viewer may see: nothing waits on it and nothing passes up any more;
 * the person's next message opens it again. Audited; closing a closed one changes nothing.
 */
export async function closeHelpConversation(
  db: Database,
  request: { scope: DashboardScope; conversationId: string; actorId: string; now: Date },
): Promise<void> {
  const { scope, conversationId, actorId, now } = request;
  await db.$transaction(async (tx) => {
    const conversation = await loadHelpConversation(tx, scope, conversationId);
    if (conversation.status === 'closed') return;
    await tx.helpConversation.update({
      where: { id: conversationId },
      data: { status: 'closed', closedAt: now, waitingSince: null, escalateAt: null },
    });
    await recordStaffAction(tx, {
      actorId,
      action: 'help.close',
      entity: 'HelpConversation',
      entityId: conversationId,
      details: { was: conversation.status },
    });
  });
}
