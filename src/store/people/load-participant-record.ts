import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';

/**
 * Everything the dashboard shows about one participant, limited to the enrolments given (the
 * viewer's visible ones): profile and channels, those enrolments with every submission (exercise,
 * questions, answers, media, grades) and the action plan, and the current mentors and check-ins
 * of those enrolments' cohorts only. Null when nobody has this id.
 */
export async function loadParticipantRecord(db: Database, personId: string, visible: Prisma.EnrolmentWhereInput) {
  const enrolments = await db.enrolment.findMany({
    where: { AND: [visible, { personId }] },
    select: { id: true, cohortId: true },
  });
  const cohortIds = enrolments.map((enrolment) => enrolment.cohortId);
  return db.person.findUnique({
    where: { id: personId },
    include: {
      hub: { select: { name: true, timeZone: true, country: true } },
      identities: {
        orderBy: { createdAt: 'asc' },
        select: { id: true, channel: true, lastInboundAt: true, unreachableAt: true, username: true },
      },
      enrolments: {
        where: { id: { in: enrolments.map((enrolment) => enrolment.id) } },
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
