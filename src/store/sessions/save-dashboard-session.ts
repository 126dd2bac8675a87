import type { SessionDefinition } from '../../domain/sessions/session-definition.ts';
import { recordStaffAction } from '../audit/record-staff-action.ts';
import type { Database } from '../database.ts';
import { saveSession, type SaveSessionReport } from './save-session.ts';

/**
 * Saves a session from the dashboard's form with its audit entry (`session.create` or
 * `session.update`, naming what changed), in one transaction. Creating refuses a key the
 * programme already uses (`{ ok: false }`), so that a new session never overwrites another.
 */
export async function saveDashboardSession(
  db: Database,
  request: {
    programmeId: string;
    definition: SessionDefinition;
    /** Null: a new session. */
    sessionId: string | null;
    actorId: string;
    now: Date;
    /** What the form changed, field by field, for the audit log. */
    changes: Record<string, unknown>;
  },
): Promise<{ ok: true; report: SaveSessionReport } | { ok: false; reason: 'key_taken' }> {
  const { programmeId, definition, sessionId, actorId, now } = request;
  // An edit sent back as it was changes nothing, and leaves nothing in the audit log.
  if (sessionId !== null && Object.keys(request.changes).length === 0)
    return { ok: true, report: { sessionId, outcome: 'unchanged', changes: [], warnings: [] } };
  return db.$transaction(async (tx) => {
    if (sessionId === null) {
      // Two forms sent at once with the same key: the second waits, then sees the first.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`session-key:${programmeId}:${definition.key}`}))`;
      const taken = await tx.session.findUnique({
        where: { programmeId_key: { programmeId, key: definition.key } },
        select: { id: true },
      });
      if (taken) return { ok: false, reason: 'key_taken' } as const;
    }
    const report = await saveSession(tx, programmeId, definition, { now, actorId });
    if (report.outcome !== 'unchanged')
      await recordStaffAction(tx, {
        actorId,
        action: sessionId === null ? 'session.create' : 'session.update',
        entity: 'Session',
        entityId: report.sessionId,
        details: { key: definition.key, changes: request.changes, venues: report.changes, warnings: report.warnings },
      });
    return { ok: true, report } as const;
  });
}
