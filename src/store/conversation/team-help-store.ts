import type { HelpLevel } from '../../domain/help-desk/help-routing.ts';
import type { TeamHelpStore, WritablePerson } from '../../conversation/stores/team-help-store.ts';
import { currentTrainerHubs } from '../access/load-viewer-scope.ts';
import { visibleEnrolments, type DashboardScope } from '../access/visible-enrolments.ts';
import { visibleHelpConversations } from '../access/visible-help-conversations.ts';
import type { Prisma } from '../generated/client.ts';
import { answerHelpConversation, startHelpConversation } from '../help-desk/answer-help-conversation.ts';
import { findHelpAsker } from '../help-desk/find-help-asker.ts';
import { loadResponderScope } from '../help-desk/load-responder-scope.ts';
import { listHubParticipants } from './list-hub-participants.ts';

/** Everyone of the team writes in chat to the people they see on the dashboard, and to nobody else. */
export function createTeamHelpStore(tx: Prisma.TransactionClient): TeamHelpStore {
  return {
    answerableConversation: async (responderId, conversationId) => {
      const found = await answerable(tx, responderId, conversationId);
      return found && { id: found.person.id, displayName: found.person.displayName };
    },
    answerConversation: async (responderId, conversationId, message, now) => {
      const found = await answerable(tx, responderId, conversationId);
      if (!found) return null;
      const role = await authorRole(tx, responderId, found.person, found.cohortId);
      const result = await answerHelpConversation(tx, {
        conversationId,
        authorId: responderId,
        authorLevel: role,
        message,
        now,
      });
      if (!result) return null;
      return {
        conversationId: result.conversationId,
        person: result.person,
        authorRole: role,
        programmeLocale: found.programme.defaultLocale,
        answered: result.answeredWaiting,
      };
    },
    writablePeople: async (responderId) => {
      const scope = await loadResponderScope(tx, responderId);
      if (!scope) return { kind: 'none' };
      if (scope.role === 'staff') return { kind: 'dashboard' };
      const people = await tx.enrolment.findMany({
        where: writable(scope),
        orderBy: [{ person: { displayName: 'asc' } }, { createdAt: 'asc' }],
        select: { person: { select: { id: true, displayName: true } } },
      });
      const seen = new Set<string>();
      const list = people.map((e) => e.person).filter((p) => !seen.has(p.id) && seen.add(p.id));
      return list.length > 0 ? { kind: 'list', people: list } : { kind: 'none' };
    },
    writablePerson: async (responderId, personId) => {
      const found = await writableEnrolment(tx, responderId, personId);
      return found && { id: found.person.id, displayName: found.person.displayName };
    },
    writeToPerson: async (responderId, personId, message, now) => {
      const found = await writableEnrolment(tx, responderId, personId);
      if (!found) return null;
      const asker = await findHelpAsker(tx, personId, found.cohortId);
      if (!asker) return null;
      const level = await authorRole(tx, responderId, found.person, found.cohortId);
      const result = await startHelpConversation(tx, { asker, authorId: responderId, level, message, now });
      if (!result) return null;
      return {
        conversationId: result.conversationId,
        person: result.person,
        authorRole: level,
        programmeLocale: found.cohort.programme.defaultLocale,
        answered: result.answeredWaiting,
      };
    },
    hubParticipants: (trainerId, now) => listHubParticipants(tx, trainerId, now),
  };
}

/**
 * Participants someone of the team may write to first: those they see, who are still reachable
 * (not stopped, not erased). A trainer writes to the participants of their hubs and their mentees.
 */
function writable(scope: DashboardScope): Prisma.EnrolmentWhereInput {
  return {
    AND: [visibleEnrolments(scope), { status: { not: 'stopped' }, joinedAt: { not: null } }],
    person: { optedOutAt: null, erasedAt: null },
  };
}

async function writableEnrolment(tx: Prisma.TransactionClient, responderId: string, personId: string) {
  const scope = await loadResponderScope(tx, responderId);
  if (!scope) return null;
  return tx.enrolment.findFirst({
    where: { AND: [writable(scope), { personId }] },
    orderBy: { createdAt: 'desc' },
    select: {
      cohortId: true,
      person: { select: { id: true, displayName: true, hubId: true } },
      cohort: { select: { programme: { select: { defaultLocale: true } } } },
    },
  });
}

/** The conversation, when the responder may answer it now (see `visibleHelpConversations`). */
async function answerable(tx: Prisma.TransactionClient, responderId: string, conversationId: string) {
  const scope = await loadResponderScope(tx, responderId);
  if (!scope) return null;
  return tx.helpConversation.findFirst({
    where: { AND: [{ id: conversationId }, visibleHelpConversations(scope)] },
    select: {
      cohortId: true,
      person: { select: { id: true, displayName: true, hubId: true } },
      programme: { select: { defaultLocale: true } },
    },
  });
}

/**
 * How the participant reads who answers: their mentor if the author mentors them, else their
 * city's team if the author runs their hub, else the programme's team.
 */
async function authorRole(
  tx: Prisma.TransactionClient,
  authorId: string,
  person: Pick<WritablePerson, 'id'> & { hubId: string | null },
  cohortId: string,
): Promise<HelpLevel> {
  const mentors = await tx.mentorAssignment.count({
    where: { mentorId: authorId, menteeId: person.id, cohortId, endedAt: null },
  });
  if (mentors > 0) return 'mentor';
  if (person.hubId !== null) {
    const runs = await tx.trainerHub.count({
      where: { AND: [currentTrainerHubs(authorId), { hubId: person.hubId, cohortId }] },
    });
    if (runs > 0) return 'trainer';
  }
  return 'staff';
}
