import type { Language } from '../domain/programme/language.ts';
import type { Database } from '../store/database.ts';
import { checkDashboardAccess } from '../store/access/dashboard-access.ts';
import { personView } from '../store/people/person-view.ts';
import type { StaffSessionRow } from '../store/access/staff-sessions.ts';
import { csrfTokenFor } from './csrf-token.ts';
import type { Viewer } from './viewer.ts';

/**
 * Who a session belongs to and what they may see, read again on every request so that a
 * stopped staff enrolment or an ended mentorship takes effect at once. Null when the person
 * may no longer use the dashboard.
 */
export async function loadViewer(
  db: Database,
  session: StaffSessionRow,
  defaultLanguage: Language,
): Promise<Viewer | null> {
  const access = await checkDashboardAccess(db, session.personId);
  if (!access.allowed) return null;
  const person = await personView(db, session.personId);
  const base = {
    personId: session.personId,
    name: person.displayName ?? '',
    language: person.locale ?? defaultLanguage,
    timeZone: person.timeZone,
    sessionId: session.id,
    csrfToken: csrfTokenFor(session),
  };
  if (access.role === 'staff') {
    const cohorts = await db.cohort.findMany({
      where: {
        programme: {
          cohorts: {
            some: { enrolments: { some: { personId: session.personId, role: 'staff', status: { not: 'stopped' } } } },
          },
        },
      },
      select: { id: true, programmeId: true },
      orderBy: { createdAt: 'asc' },
    });
    return {
      ...base,
      role: 'staff',
      programmeIds: unique(cohorts.map((c) => c.programmeId)),
      cohortIds: cohorts.map((c) => c.id),
      mentees: null,
    };
  }
  const assignments = await db.mentorAssignment.findMany({
    where: { mentorId: session.personId, endedAt: null },
    select: { menteeId: true, cohortId: true, cohort: { select: { programmeId: true } } },
  });
  return {
    ...base,
    role: 'mentor',
    programmeIds: unique(assignments.map((a) => a.cohort.programmeId)),
    cohortIds: unique(assignments.map((a) => a.cohortId)),
    mentees: assignments.map(({ cohortId, menteeId }) => ({ cohortId, menteeId })),
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
