import { escalationDue, HELP_LEVELS, type HelpLevel } from '../../domain/help-desk/help-routing.ts';
import type { DashboardScope } from '../access/visible-enrolments.ts';
import { recordStaffAction } from '../audit/record-staff-action.ts';
import type { Database } from '../database.ts';
import { loadHelpConversation } from './load-help-conversation.ts';
import { listHelpResponders } from './list-help-responders.ts';

/** Why an assignment was refused: the person chosen does not answer this participant. */
export class NotAResponderError extends Error {
  override name = 'NotAResponderError';
}

/**
 * Gives a conversation the viewer may see to one of the people who answer its participant (their
 * mentor, a trainer of their hub, staff), or back to everyone of its level (`assigneeId` null).
 * The level follows the assignee, and so does when it passes up if still unanswered. Audited.
 */
export async function assignHelpConversation(
  db: Database,
  request: { scope: DashboardScope; conversationId: string; assigneeId: string | null; actorId: string; now: Date },
): Promise<void> {
  const { scope, conversationId, assigneeId, actorId, now } = request;
  await db.$transaction(async (tx) => {
    const conversation = await loadHelpConversation(tx, scope, conversationId);
    let level: HelpLevel = conversation.level;
    if (assigneeId !== null) {
      const responders = await listHelpResponders(tx, {
        personId: conversation.person.id,
        cohortId: conversation.cohortId,
        hubId: conversation.person.hubId,
      });
      const found = HELP_LEVELS.find((l) => responders[l].some((r) => r.personId === assigneeId));
      if (!found) throw new NotAResponderError(`${assigneeId} does not answer this participant`);
      level = found;
    }
    const waiting = conversation.status === 'open' && conversation.waitingSince;
    await tx.helpConversation.update({
      where: { id: conversationId },
      data: {
        assigneeId,
        level,
        ...(level !== conversation.level && {
          escalateAt: waiting
            ? escalationDue(waiting > now ? waiting : now, level, conversation.programme.escalateAfterMinutes)
            : null,
        }),
      },
    });
    await recordStaffAction(tx, {
      actorId,
      action: 'help.assign',
      entity: 'HelpConversation',
      entityId: conversationId,
      details: { assigneeId, level },
    });
  });
}
