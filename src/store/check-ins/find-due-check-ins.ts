import type { ProgrammeSettings } from '../../domain/programme/programme-definition.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';

/** A mentoring assignment whose check-in is due, with its programme's cadence. */
interface DueCheckIn {
  assignmentId: string;
  /** When the check-in was due: the claim moves it on only from this value. */
  dueAt: Date;
  /** Null when the programme no longer asks for check-ins. */
  cadence: ProgrammeSettings['checkIns'];
}

/**
 * Up to `take` current assignments whose check-in is due at `now`, in cohorts not paused, with a
 * mentor who did not opt out and was not erased, about a mentee not erased.
 */
export async function findDueCheckIns(db: Database, request: { now: Date; take: number }): Promise<DueCheckIn[]> {
  const rows = await db.mentorAssignment.findMany({
    where: {
      endedAt: null,
      nextCheckInAt: { lte: request.now },
      cohort: { pausedAt: null },
      mentor: { optedOutAt: null, erasedAt: null },
      mentee: { erasedAt: null },
    },
    select: { id: true, nextCheckInAt: true, cohort: { select: { programme: { select: { settings: true } } } } },
    take: request.take,
  });
  return rows.map((row) => ({
    assignmentId: row.id,
    dueAt: row.nextCheckInAt!,
    cadence: parseProgrammeSettings(row.cohort.programme.settings).checkIns,
  }));
}
