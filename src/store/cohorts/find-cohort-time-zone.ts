import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';

/** The time zone of a cohort's programme (the zone its staff read times in); NotFoundError when there is no such cohort. */
export async function findCohortTimeZone(db: Database, cohortId: string): Promise<string> {
  const cohort = await db.cohort.findUnique({
    where: { id: cohortId },
    select: { programme: { select: { settings: true } } },
  });
  if (!cohort) throw new NotFoundError(`cohort ${cohortId} not found`);
  return parseProgrammeSettings(cohort.programme.settings).timeZone;
}
