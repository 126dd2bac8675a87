import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import { personTimeZone } from '../../domain/person-time-zone.ts';
import { personCountry } from '../../domain/segment.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import { visibleEnrolments, type DashboardScope } from '../access/visible-enrolments.ts';

/** One participant of participants.csv. */
export interface ParticipantForExport {
  personId: string;
  name: string | null;
  status: string;
  hub: { name: unknown; country: string } | null;
  /** The country they live in (`personCountry`: their own, else their hub's). */
  country: string | null;
  timeZone: string;
  locale: string | null;
  channels: { channel: string; unreachable: boolean }[];
  /** Current mentors in this cohort: their names, else their ids. */
  mentors: string[];
  enrolledAt: Date;
  statusChangedAt: Date | null;
}

/**
 * The cohort's participants the viewer may see, by name, with their hub, the zone they live in,
 * language, channels and current mentors in this cohort. NotFoundError when the cohort does not exist.
 */
export async function listParticipantsForExport(
  db: Database,
  request: { cohortId: string; scope: DashboardScope },
): Promise<ParticipantForExport[]> {
  const cohort = await db.cohort.findUnique({
    where: { id: request.cohortId },
    select: { programme: { select: { settings: true } } },
  });
  if (!cohort) throw new NotFoundError(`cohort ${request.cohortId} not found`);
  const programmeZone = parseProgrammeSettings(cohort.programme.settings).timeZone;
  const enrolments = await db.enrolment.findMany({
    where: { AND: [visibleEnrolments(request.scope), { cohortId: request.cohortId, role: 'participant' }] },
    orderBy: [{ person: { displayName: 'asc' } }, { personId: 'asc' }],
    include: {
      person: {
        include: {
          hub: true,
          identities: { orderBy: { createdAt: 'asc' } },
          mentoredBy: {
            where: { cohortId: request.cohortId, endedAt: null },
            include: { mentor: { select: { displayName: true } } },
          },
        },
      },
    },
  });
  return enrolments.map(({ person, ...enrolment }) => ({
    personId: person.id,
    name: person.displayName,
    status: enrolment.status,
    hub: person.hub ? { name: person.hub.name, country: person.hub.country } : null,
    country: personCountry(person),
    timeZone: personTimeZone(person, programmeZone),
    locale: person.locale,
    channels: person.identities.map((identity) => ({
      channel: identity.channel,
      unreachable: identity.unreachableAt !== null,
    })),
    mentors: person.mentoredBy.map((assignment) => assignment.mentor.displayName ?? assignment.mentorId),
    enrolledAt: enrolment.createdAt,
    statusChangedAt: enrolment.statusChangedAt,
  }));
}
