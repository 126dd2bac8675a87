import type { Database } from '../database.ts';

/** What a dashboard user may see: programmes, cohorts and, for a mentor, their current mentees. */
interface ViewerScope {
  programmeIds: string[];
  cohortIds: string[];
  /** Null for staff (they see whole cohorts). */
  mentees: { cohortId: string; menteeId: string }[] | null;
}

/**
 * Staff see every cohort of the programmes they are (still) staff of; a mentor sees the cohorts
 * and mentees of their current assignments. Read on every request, so that a change takes effect at once.
 */
export async function loadViewerScope(db: Database, personId: string, role: 'staff' | 'mentor'): Promise<ViewerScope> {
  if (role === 'staff') {
    const cohorts = await db.cohort.findMany({
      where: {
        programme: {
          cohorts: { some: { enrolments: { some: { personId, role: 'staff', status: { not: 'stopped' } } } } },
        },
      },
      select: { id: true, programmeId: true },
      orderBy: { createdAt: 'asc' },
    });
    return {
      programmeIds: unique(cohorts.map((c) => c.programmeId)),
      cohortIds: cohorts.map((c) => c.id),
      mentees: null,
    };
  }
  const assignments = await db.mentorAssignment.findMany({
    where: { mentorId: personId, endedAt: null },
    select: { menteeId: true, cohortId: true, cohort: { select: { programmeId: true } } },
  });
  return {
    programmeIds: unique(assignments.map((a) => a.cohort.programmeId)),
    cohortIds: unique(assignments.map((a) => a.cohortId)),
    mentees: assignments.map(({ cohortId, menteeId }) => ({ cohortId, menteeId })),
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
