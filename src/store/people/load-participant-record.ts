import { personTimeZone } from '../../domain/person-time-zone.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import { visibleEnrolments, type DashboardScope } from '../access/visible-enrolments.ts';

/**
 * Everything the dashboard shows about one participant, limited to the enrolments given (the
 * viewer's visible ones): profile and channels, those enrolments with every submission (exercise,
 * questions, answers, media, grades) and the action plan, and the current mentors and check-ins
 * of those enrolments' cohorts only, and `localTimeZone`, the zone they live in (`personTimeZone`,
 * with the programme of their first visible enrolment). NotFoundError when nobody has this id.
 */
export async function loadParticipantRecord(db: Database, personId: string, scope: DashboardScope) {
  const enrolments = await db.enrolment.findMany({
    where: { AND: [visibleEnrolments(scope), { personId }] },
    select: { id: true, cohortId: true },
  });
  const cohortIds = enrolments.map((enrolment) => enrolment.cohortId);
  const person = await db.person.findUnique({
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
  if (!person) throw new NotFoundError(`person ${personId} not found`);
  const programme = person.enrolments[0]?.cohort.programme;
  const programmeZone = programme && parseProgrammeSettings(programme.settings).timeZone;
  return { ...person, localTimeZone: personTimeZone(person, programmeZone) };
}

export type ParticipantRecord = Awaited<ReturnType<typeof loadParticipantRecord>>;
export type ParticipantSubmission = ParticipantRecord['enrolments'][number]['submissions'][number];
