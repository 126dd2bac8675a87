import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';
import type { DashboardScope } from './visible-enrolments.ts';

/** What a dashboard user may see: programmes, cohorts, a mentor's mentees, a trainer's hubs. */
type ViewerScope = Omit<DashboardScope, 'role'> & { programmeIds: string[] };

/**
 * Staff see every cohort of the programmes they are (still) staff of; a mentor sees the cohorts
 * and mentees of their current assignments; a trainer the cohorts and hubs they run (and, if they
 * mentor too, their mentees). Read on every request, so that a change takes effect at once.
 */
export async function loadViewerScope(
  db: Database | Prisma.TransactionClient,
  personId: string,
  role: DashboardScope['role'],
): Promise<ViewerScope> {
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
      hubs: null,
    };
  }
  const assignments = await db.mentorAssignment.findMany({
    where: { mentorId: personId, endedAt: null },
    select: { menteeId: true, cohortId: true, cohort: { select: { programmeId: true } } },
  });
  const hubs =
    role === 'trainer'
      ? await db.trainerHub.findMany({
          where: currentTrainerHubs(personId),
          select: { cohortId: true, hubId: true, cohort: { select: { programmeId: true } } },
          orderBy: { createdAt: 'asc' },
        })
      : [];
  const cohorts = [...hubs, ...assignments];
  return {
    programmeIds: unique(cohorts.map((c) => c.cohort.programmeId)),
    cohortIds: unique(cohorts.map((c) => c.cohortId)),
    mentees: assignments.map(({ cohortId, menteeId }) => ({ cohortId, menteeId })),
    hubs: role === 'trainer' ? hubs.map(({ cohortId, hubId }) => ({ cohortId, hubId })) : null,
  };
}

/**
 * The hubs a person runs now: attached and not ended, and the person still a trainer (a trainer
 * enrolment not stopped, data not erased). The one rule for "is a trainer of this hub", for the
 * dashboard, the help desk's routing and the day-before lists.
 */
export function currentTrainerHubs(personId?: string): Prisma.TrainerHubWhereInput {
  return {
    ...(personId !== undefined && { personId }),
    endedAt: null,
    person: { erasedAt: null, enrolments: { some: { role: 'trainer', status: { not: 'stopped' } } } },
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
