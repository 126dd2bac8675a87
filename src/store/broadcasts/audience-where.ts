import {
  DEFAULT_SEGMENT_ROLES,
  DEFAULT_SEGMENT_STATUSES,
  type AudienceRole,
  type SegmentFilter,
} from '../../domain/segment.ts';
import { currentTrainerHubs } from '../access/load-viewer-scope.ts';
import type { Prisma } from '../generated/client.ts';

/**
 * The enrolments a broadcast's segment or a session's audience designates in a programme: in one
 * of its roles (participants when it names none), in one of its statuses (judged on that role's
 * enrolment; people who stopped never), finished joining, not opted out, not erased. The hub
 * filter matches a person's own hub, the country filter the country they live in (`personCountry`:
 * their own, else their hub's), and for a trainer both match the hubs they run now as well, so
 * that "trainers of Bukavu" reaches whoever runs Bukavu wherever they live. A person with two
 * roles has two enrolments here: the caller counts people once.
 */
export function audienceEnrolmentWhere(programmeId: string, filter: SegmentFilter): Prisma.EnrolmentWhereInput {
  const roles = filter.roles ?? DEFAULT_SEGMENT_ROLES;
  const statuses = filter.statuses?.filter((status) => status !== 'stopped') ?? [...DEFAULT_SEGMENT_STATUSES];
  return {
    status: { in: statuses },
    joinedAt: { not: null },
    cohort: { programmeId, ...(filter.cohortIds && { id: { in: filter.cohortIds } }) },
    person: { optedOutAt: null, erasedAt: null },
    OR: roles.map((role) => ({ role, ...placeWhere(role, filter) })),
  };
}

/** The hub and country filters for one role. */
function placeWhere(role: AudienceRole, filter: SegmentFilter): Prisma.EnrolmentWhereInput {
  const { hubIds, countries } = filter;
  if (!hubIds && !countries) return {};
  if (role !== 'trainer')
    return {
      person: {
        ...(hubIds && { hubId: { in: hubIds } }),
        ...(countries && livesIn(countries)),
      },
    };
  const runs = (where: Prisma.TrainerHubWhereInput): Prisma.PersonWhereInput => ({
    trainerHubs: {
      some: { ...currentTrainerHubs(), ...where, ...(filter.cohortIds && { cohortId: { in: filter.cohortIds } }) },
    },
  });
  const conditions: Prisma.PersonWhereInput[] = [];
  if (hubIds) conditions.push({ OR: [{ hubId: { in: hubIds } }, runs({ hubId: { in: hubIds } })] });
  if (countries)
    conditions.push({
      OR: [livesIn(countries), runs({ hub: { country: { in: countries } } })],
    });
  return { person: { AND: conditions } };
}

/** People who live in one of the countries: the one they gave, else their hub's (`personCountry`). */
function livesIn(countries: string[]): Prisma.PersonWhereInput {
  return { OR: [{ country: { in: countries } }, { country: null, hub: { country: { in: countries } } }] };
}
