import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { ProgrammeSettings } from '../../domain/programme/programme-definition.ts';
import { findCohort } from '../cohorts/find-cohort.ts';
import type { Database } from '../database.ts';

/** A cohort to make invite codes for, with what the codes' wording and expiry depend on. */
interface InviteCohort {
  id: string;
  key: string;
  programme: { key: string; defaultLocale: string | null; settings: ProgrammeSettings };
  /** The programme's hubs, in the file's order: a trainer invite names one by its key. */
  hubs: { id: string; key: string }[];
}

/**
 * A cohort by its id or key, with its programme's settings read; throws NotFoundError or
 * AmbiguousReferenceError (see findCohort).
 */
export async function loadInviteCohort(db: Database, reference: string): Promise<InviteCohort> {
  const cohort = await findCohort(db, reference);
  const { key, defaultLocale, settings } = cohort.programme;
  const hubs = await db.hub.findMany({
    where: { programmeId: cohort.programmeId },
    select: { id: true, key: true },
    orderBy: { createdAt: 'asc' },
  });
  return {
    id: cohort.id,
    key: cohort.key,
    programme: { key, defaultLocale, settings: parseProgrammeSettings(settings) },
    hubs,
  };
}
