import { personTimeZone } from '../../domain/person-time-zone.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';

/** What the cohort's operations page offers to choose from, and the zones its times are read in. */
export interface CohortOperations {
  cohortId: string;
  name: LocalizedText;
  pausedAt: Date | null;
  /** The programme's zone: a period of the whole cohort is entered in it. */
  timeZone: string;
  hubs: { id: string; name: LocalizedText; timeZone: string }[];
  /** The cohort's participants (not erased), by name, each with the zone they live in. */
  participants: { personId: string; name: string | null; hub: LocalizedText | null; timeZone: string }[];
}

/** The cohort's hubs and participants, for the forms that release, pause and set offline periods. */
export async function loadCohortOperations(db: Database, cohortId: string): Promise<CohortOperations> {
  const cohort = await db.cohort.findUnique({
    where: { id: cohortId },
    select: {
      id: true,
      name: true,
      pausedAt: true,
      programme: {
        select: {
          settings: true,
          hubs: { orderBy: { key: 'asc' }, select: { id: true, name: true, timeZone: true } },
        },
      },
      enrolments: {
        where: { role: 'participant', person: { erasedAt: null } },
        orderBy: { person: { displayName: 'asc' } },
        select: {
          person: {
            select: { id: true, displayName: true, timeZone: true, hub: { select: { name: true, timeZone: true } } },
          },
        },
      },
    },
  });
  if (!cohort) throw new NotFoundError(`cohort ${cohortId} not found`);
  const timeZone = parseProgrammeSettings(cohort.programme.settings).timeZone;
  return {
    cohortId: cohort.id,
    name: cohort.name as LocalizedText,
    pausedAt: cohort.pausedAt,
    timeZone,
    hubs: cohort.programme.hubs.map((hub) => ({ ...hub, name: hub.name as LocalizedText })),
    participants: cohort.enrolments.map(({ person }) => ({
      personId: person.id,
      name: person.displayName,
      hub: (person.hub?.name as LocalizedText | undefined) ?? null,
      timeZone: personTimeZone(person, timeZone),
    })),
  };
}
