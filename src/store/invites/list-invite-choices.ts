import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';

/** A cohort invites can be made for, with what the form needs of its programme. */
export interface InviteCohortChoice {
  id: string;
  name: unknown;
  programmeId: string;
  programmeName: unknown;
  programmeDefaultLocale: string | null;
  /** The programme's time zone: an expiry date is the end of that day there. */
  timeZone: string;
}

/** A hub a trainer invite can attach to (a hub of the cohort's programme). */
export interface InviteHubChoice {
  id: string;
  name: unknown;
  programmeId: string;
}

/** The cohorts given (oldest first) and the hubs of their programmes (in the file's order), for the invite form. */
export async function listInviteChoices(
  db: Database,
  cohortIds: string[],
): Promise<{ cohorts: InviteCohortChoice[]; hubs: InviteHubChoice[] }> {
  const cohorts = await db.cohort.findMany({
    where: { id: { in: cohortIds } },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      name: true,
      programme: { select: { id: true, name: true, defaultLocale: true, settings: true } },
    },
  });
  const programmeIds = [...new Set(cohorts.map((cohort) => cohort.programme.id))];
  const hubs = await db.hub.findMany({
    where: { programmeId: { in: programmeIds } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, name: true, programmeId: true },
  });
  return {
    cohorts: cohorts.map((cohort) => ({
      id: cohort.id,
      name: cohort.name,
      programmeId: cohort.programme.id,
      programmeName: cohort.programme.name,
      programmeDefaultLocale: cohort.programme.defaultLocale,
      timeZone: parseProgrammeSettings(cohort.programme.settings).timeZone,
    })),
    hubs,
  };
}
