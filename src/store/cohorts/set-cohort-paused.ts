import { recordStaffAction } from '../audit/record-staff-action.ts';
import type { Database } from '../database.ts';
import { pauseCohort } from '../offline-periods/pause-cohort.ts';
import { resumeCohort } from '../offline-periods/resume-cohort.ts';

/**
 * Pauses or resumes a cohort's schedule from the command line (releases and reminders wait while
 * paused; on resuming, each participant gets one catch-up message); returns the cohort's key.
 */
export async function setCohortPaused(db: Database, cohortRef: string, paused: boolean, at: Date): Promise<string> {
  const done = paused
    ? await pauseCohort(db, { cohort: cohortRef, via: 'cli', createdById: null, now: at })
    : await resumeCohort(db, { cohort: cohortRef, endedById: null, now: at });
  await recordStaffAction(db, {
    actorId: null,
    action: paused ? 'cohort.pause' : 'cohort.resume',
    entity: 'Cohort',
    entityId: done.cohortId,
  });
  return done.cohortKey;
}
