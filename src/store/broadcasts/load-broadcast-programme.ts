import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';

/** What a broadcast can be aimed at in a programme, names as stored (one text per language). */
interface BroadcastProgramme {
  id: string;
  name: unknown;
  locales: string[];
  /** The programme's zone: a time typed in the compose form is read in it. */
  timeZone: string;
  /** Oldest first. */
  cohorts: { id: string; name: unknown }[];
  hubs: { id: string; name: unknown; country: string; timeZone: string }[];
}

/** A programme with its cohorts and hubs, for the broadcast compose form; NotFoundError when there is none. */
export async function loadBroadcastProgramme(db: Database, programmeId: string): Promise<BroadcastProgramme> {
  const programme = await db.programme.findUnique({
    where: { id: programmeId },
    select: {
      id: true,
      name: true,
      locales: true,
      settings: true,
      cohorts: { orderBy: { createdAt: 'asc' }, select: { id: true, name: true } },
      hubs: { orderBy: { createdAt: 'asc' }, select: { id: true, name: true, country: true, timeZone: true } },
    },
  });
  if (!programme) throw new NotFoundError(`programme ${programmeId} not found`);
  const { settings, ...rest } = programme;
  return { ...rest, timeZone: parseProgrammeSettings(settings).timeZone };
}
