import type { Database } from '../../store/database.ts';
import { listSessions } from '../../store/sessions/list-sessions.ts';
import { sessionStatus, sessionTitle, venueStart } from '../format-session.ts';
import type { Output } from '../output.ts';

/**
 * `compagnon session list`: one line per session, those to come first, then those over: key,
 * kind, title, status, and each venue's start in its local time.
 */
export async function runSessionList(
  options: { programme?: string },
  deps: { db: Database; out: Output; now: () => Date },
): Promise<void> {
  const sessions = await listSessions(deps.db, {
    ...(options.programme && { programme: options.programme }),
    now: deps.now(),
  });
  if (sessions.length === 0) {
    deps.out.info(options.programme ? `no session in programme "${options.programme}"` : 'no session yet');
    return;
  }
  // With several programmes, each line says whose session it is.
  const severalProgrammes = new Set(sessions.map((session) => session.programmeKey)).size > 1;
  let pastHeading = false;
  for (const session of sessions) {
    if (session.over && !pastHeading) {
      deps.out.info('past:');
      pastHeading = true;
    }
    deps.out.info(
      [
        session.key,
        session.kind,
        `"${sessionTitle(session)}"`,
        sessionStatus(session),
        session.venues.map(venueStart).join('; '),
        ...(severalProgrammes ? [`programme ${session.programmeKey}`] : []),
      ].join('  '),
    );
  }
}
