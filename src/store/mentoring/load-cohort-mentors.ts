import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';

/**
 * A cohort's mentoring: its mentors with their current mentees, and its participants with
 * their current mentors (to pick whom to assign), and the day action plans start at the earliest
 * (`action_plan.starts`, null when none). Ended assignments and erased people are left out.
 */
export async function loadCohortMentors(db: Database, cohortId: string) {
  const [mentors, participants, cohort] = await Promise.all([
    db.enrolment.findMany({
      where: { cohortId, role: 'mentor', status: { not: 'stopped' }, person: { erasedAt: null } },
      orderBy: { person: { displayName: 'asc' } },
      select: {
        person: {
          select: {
            id: true,
            displayName: true,
            mentoring: {
              where: { cohortId, endedAt: null },
              orderBy: { mentee: { displayName: 'asc' } },
              select: { id: true, createdAt: true, mentee: { select: { id: true, displayName: true } } },
            },
          },
        },
      },
    }),
    db.enrolment.findMany({
      // Nobody is assigned to a person who erased their data (see visibleEnrolments).
      where: { cohortId, role: 'participant', person: { erasedAt: null } },
      orderBy: { person: { displayName: 'asc' } },
      select: {
        status: true,
        person: {
          select: {
            id: true,
            displayName: true,
            mentoredBy: { where: { cohortId, endedAt: null }, select: { mentorId: true } },
          },
        },
      },
    }),
    db.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { programme: { select: { settings: true } } } }),
  ]);
  return {
    mentors: mentors.map((enrolment) => enrolment.person),
    participants,
    planStartsOn: parseProgrammeSettings(cohort.programme.settings).actionPlan.startsOn,
  };
}
