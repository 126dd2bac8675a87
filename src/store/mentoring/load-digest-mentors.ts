import type { Database } from '../database.ts';

/** A current assignment, as the weekly digest sweep reads it: whose mentor, in which cohort, where they live. */
interface DigestAssignment {
  mentorId: string;
  cohortId: string;
  mentor: { timeZone: string | null; hub: { timeZone: string } | null };
}

/**
 * The current assignments, oldest first, of mentors a digest may go to: not opted out nor
 * erased, about mentees not erased, in cohorts whose schedule is not paused.
 */
export async function loadDigestMentors(db: Database): Promise<DigestAssignment[]> {
  return db.mentorAssignment.findMany({
    where: {
      endedAt: null,
      cohort: { pausedAt: null },
      mentor: { optedOutAt: null, erasedAt: null },
      mentee: { erasedAt: null },
    },
    orderBy: { createdAt: 'asc' },
    select: {
      mentorId: true,
      cohortId: true,
      mentor: { select: { timeZone: true, hub: { select: { timeZone: true } } } },
    },
  });
}
