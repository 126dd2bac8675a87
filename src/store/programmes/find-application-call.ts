import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';

/** A programme and its call for applications (null when its file has none), as `applications links` prints it. */
export interface ProgrammeCall {
  programmeKey: string;
  timeZone: string;
  call: { opensAt: Date; closesAt: Date; cohortKey: string } | null;
}

type FindResult =
  | { found: true; programme: ProgrammeCall }
  | { found: false; reason: 'no_programme' | 'unknown' | 'several'; programmeKeys: string[] };

/** The programme named by id or key, or the only one when none is named; with its call for applications. */
export async function findApplicationCall(db: Database, reference: string | undefined): Promise<FindResult> {
  const programmes = await db.programme.findMany({
    where: reference === undefined ? {} : { OR: [{ id: reference }, { key: reference }] },
    select: {
      key: true,
      settings: true,
      applicationCall: { select: { opensAt: true, closesAt: true, cohort: { select: { key: true } } } },
    },
    orderBy: { key: 'asc' },
  });
  const [programme] = programmes;
  if (programmes.length !== 1 || !programme) {
    const all = await db.programme.findMany({ select: { key: true }, orderBy: { key: 'asc' } });
    const programmeKeys = all.map((row) => row.key);
    const reason = all.length === 0 ? 'no_programme' : reference === undefined ? 'several' : 'unknown';
    return { found: false, reason, programmeKeys };
  }
  const call = programme.applicationCall;
  return {
    found: true,
    programme: {
      programmeKey: programme.key,
      timeZone: parseProgrammeSettings(programme.settings).timeZone,
      call: call && { opensAt: call.opensAt, closesAt: call.closesAt, cohortKey: call.cohort.key },
    },
  };
}
