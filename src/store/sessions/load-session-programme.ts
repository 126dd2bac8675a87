import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';

/** What a session can be held for in a programme: its languages, zone, cohorts and hubs, with their keys. */
export interface SessionProgramme {
  id: string;
  name: unknown;
  locales: string[];
  /** The programme's zone: an online session's hour is written in it unless another is named. */
  timeZone: string;
  /** Oldest first. */
  cohorts: { id: string; key: string; name: unknown }[];
  /** In the programme file's order. */
  hubs: { id: string; key: string; name: unknown; country: string; timeZone: string }[];
}

/** A programme with its cohorts and hubs, for the session form; NotFoundError when there is none. */
export async function loadSessionProgramme(db: Database, programmeId: string): Promise<SessionProgramme> {
  const programme = await db.programme.findUnique({
    where: { id: programmeId },
    select: {
      id: true,
      name: true,
      locales: true,
      settings: true,
      cohorts: { orderBy: { createdAt: 'asc' }, select: { id: true, key: true, name: true } },
      hubs: {
        orderBy: { createdAt: 'asc' },
        select: { id: true, key: true, name: true, country: true, timeZone: true },
      },
    },
  });
  if (!programme) throw new NotFoundError(`programme ${programmeId} not found`);
  const { settings, ...rest } = programme;
  return { ...rest, timeZone: parseProgrammeSettings(settings).timeZone };
}
