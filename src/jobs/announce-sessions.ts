import { recordStaffAction } from '../store/audit/record-staff-action.ts';
import { markSessionAnnounceDue } from '../store/sessions/mark-session-announce-due.ts';
import type { JobContext } from './job-definition.ts';

/**
 * Announces a session now, from the dashboard: its announcement is made due at once. Returns how
 * many people were told by this call (none here: the announcement sweep sends it).
 */
export async function announceSessionNow(
  context: Omit<JobContext, 'job' | 'token'>,
  sessionId: string,
  actorId: string | null,
): Promise<{ announced: number }> {
  if (await markSessionAnnounceDue(context.db, sessionId, context.now()))
    await recordStaffAction(context.db, {
      actorId,
      action: 'session.announce',
      entity: 'Session',
      entityId: sessionId,
    });
  context.logger.info({ sessionId, personId: actorId }, 'session announcement brought forward');
  return { announced: 0 };
}
