import type { Prisma } from '../generated/client.ts';
import type { DashboardScope } from './visible-enrolments.ts';

/**
 * Help-desk conversations the viewer may see and answer: staff, those of their cohorts; a mentor,
 * their current mentees' (in the cohort they mentor them in); a trainer, those of the participants
 * of their hubs (and of their mentees). Never those of a person who erased their data. The same
 * people as `visibleEnrolments`, so that whoever sees a participant sees their conversations.
 */
export function visibleHelpConversations(scope: DashboardScope): Prisma.HelpConversationWhereInput {
  const present = { person: { erasedAt: null } };
  if (scope.role === 'staff') return { cohortId: { in: scope.cohortIds }, ...present };
  const ways: Prisma.HelpConversationWhereInput[] = [
    ...(scope.mentees ?? []).map(({ cohortId, menteeId }) => ({ cohortId, personId: menteeId })),
    ...(scope.hubs ?? []).map(({ cohortId, hubId }) => ({ cohortId, person: { hubId } })),
  ];
  if (ways.length === 0) return { id: { in: [] } };
  return { OR: ways, ...present };
}
