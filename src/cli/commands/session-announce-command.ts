import { announceSessionNow } from '../../jobs/announce-sessions.ts';
import type { JobContext } from '../../jobs/job-definition.ts';
import { SessionCancelledError } from '../../store/sessions/bring-announcement-forward.ts';
import { findSession } from '../../store/sessions/find-session.ts';
import { CommandError, type Output } from '../output.ts';

/**
 * `compagnon session announce <session>`: announces a session now to everyone in its audience
 * who has not had it yet, and says how many were told. Run again, it reaches only newcomers.
 */
export async function runSessionAnnounce(
  reference: string,
  options: { programme?: string },
  deps: { context: Omit<JobContext, 'job' | 'token'>; out: Output },
): Promise<void> {
  const session = await findSession(deps.context.db, reference, options.programme);
  const { announced } = await announceSessionNow(deps.context, session.id, null).catch((error: unknown) => {
    if (error instanceof SessionCancelledError) throw new CommandError(error.message);
    throw error;
  });
  deps.out.info(
    announced === 0
      ? `session ${session.key}: nobody new to tell (everyone in its audience has had the announcement, or it is over)`
      : `session ${session.key}: announced to ${announced} ${announced === 1 ? 'person' : 'people'}`,
  );
}
