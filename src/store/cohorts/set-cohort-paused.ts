import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';

/** Pauses or resumes a cohort's schedule (releases and reminders wait while paused); returns the cohort's key. */
export async function setCohortPaused(db: Database, cohortRef: string, paused: boolean, at: Date): Promise<string> {
  const cohort = await db.cohort.findFirst({ where: { OR: [{ id: cohortRef }, { key: cohortRef }] } });
  if (!cohort) throw new NotFoundError(`no cohort has the id or key "${cohortRef}"`);
  await db.cohort.update({ where: { id: cohort.id }, data: { pausedAt: paused ? at : null } });
  await db.auditLog.create({
    data: { action: paused ? 'cohort.pause' : 'cohort.resume', entity: 'Cohort', entityId: cohort.id },
  });
  return cohort.key;
}
