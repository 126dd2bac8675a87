import type { Database } from './database.ts';

/**
 * Everything the dashboard shows about one participant, limited to the cohorts given (the
 * viewer's): profile and channels, enrolments with every submission (exercise, questions,
 * answers, media, grades) and the action plan, current mentors, check-ins. Null when nobody
 * has this id.
 */
export async function loadParticipantRecord(db: Database, personId: string, cohortIds: string[]) {
  return db.person.findUnique({
    where: { id: personId },
    include: {
      hub: { select: { name: true, timeZone: true, country: true } },
      identities: { orderBy: { createdAt: 'asc' }, select: { id: true, channel: true, lastInboundAt: true, unreachableAt: true, username: true } },
      enrolments: {
        where: { role: 'participant', cohortId: { in: cohortIds } },
        orderBy: { createdAt: 'asc' },
        include: {
          cohort: { select: { id: true, name: true, programme: { select: { name: true, settings: true } } } },
          team: { select: { name: true } },
          actionPlan: { include: { milestones: { orderBy: { position: 'asc' } } } },
          submissions: {
            include: {
              exercise: { include: { questions: { orderBy: { position: 'asc' } } } },
              answers: { include: { mediaFile: { select: { id: true, mimeType: true, sizeBytes: true } } } },
              grades: { orderBy: { createdAt: 'asc' }, include: { grader: { select: { displayName: true } } } },
            },
          },
        },
      },
      mentoredBy: {
        where: { endedAt: null, cohortId: { in: cohortIds } },
        orderBy: { createdAt: 'asc' },
        select: { mentor: { select: { id: true, displayName: true } } },
      },
      checkInsReceived: {
        where: { assignment: { cohortId: { in: cohortIds } } },
        orderBy: { dueAt: 'desc' },
        include: { mentor: { select: { displayName: true } } },
      },
    },
  });
}

export type ParticipantRecord = NonNullable<Awaited<ReturnType<typeof loadParticipantRecord>>>;
export type ParticipantSubmission = ParticipantRecord['enrolments'][number]['submissions'][number];
