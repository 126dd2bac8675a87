import type { Database } from '../database.ts';
import { AmbiguousReferenceError, NotFoundError } from '../errors.ts';

/** A session by its id, or by its key in the programme file (within one programme, by id or key, when given). */
export async function findSession(
  db: Database,
  reference: string,
  programme?: string,
): Promise<{ id: string; key: string; programmeId: string }> {
  const sessions = await db.session.findMany({
    where: {
      OR: [{ id: reference }, { key: reference }],
      ...(programme && { programme: { OR: [{ id: programme }, { key: programme }] } }),
    },
    select: { id: true, key: true, programmeId: true, programme: { select: { key: true } } },
  });
  const found = sessions.find((session) => session.id === reference) ?? sessions[0];
  if (!found) {
    throw new NotFoundError(
      `no session has the id or key "${reference}"${programme ? ` in programme "${programme}"` : ''}`,
    );
  }
  if (found.id !== reference && sessions.length > 1) {
    const programmes = sessions.map((session) => session.programme.key).join(', ');
    throw new AmbiguousReferenceError(
      `several programmes have a session "${reference}" (${programmes}); say which with --programme`,
    );
  }
  return { id: found.id, key: found.key, programmeId: found.programmeId };
}
