import type { HubParticipantView } from '../../conversation/stores/team-help-store.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import { currentTrainerHubs } from '../access/load-viewer-scope.ts';
import type { Prisma } from '../generated/client.ts';

/**
 * The participants of the hubs a trainer runs now, each in the cohort they run it in, with their
 * exercises handed in, late and missing and their last message: PARTICIPANTS in chat. Only the
 * hubs' participants, not the trainer's mentees (MENTEES lists those); never an erased person.
 */
export async function listHubParticipants(
  tx: Prisma.TransactionClient,
  trainerId: string,
  now: Date,
): Promise<HubParticipantView[]> {
  const hubs = await tx.trainerHub.findMany({
    where: currentTrainerHubs(trainerId),
    select: { cohortId: true, hubId: true },
  });
  if (hubs.length === 0) return [];
  const enrolments = await tx.enrolment.findMany({
    where: {
      role: 'participant',
      joinedAt: { not: null },
      person: { erasedAt: null },
      OR: hubs.map(({ cohortId, hubId }) => ({ cohortId, person: { hubId } })),
    },
    orderBy: [{ person: { hub: { key: 'asc' } } }, { person: { displayName: 'asc' } }],
    select: {
      status: true,
      submissions: { select: { status: true, late: true, deadlineAt: true } },
      person: {
        select: {
          id: true,
          displayName: true,
          hub: { select: { name: true } },
          identities: { select: { lastInboundAt: true } },
        },
      },
    },
  });
  return enrolments.map(({ status, submissions, person }) => {
    const last = person.identities
      .map((i) => i.lastInboundAt)
      .filter((d): d is Date => d !== null)
      .sort((a, b) => b.getTime() - a.getTime())[0];
    return {
      id: person.id,
      displayName: person.displayName,
      hubName: (person.hub?.name ?? null) as LocalizedText | null,
      status,
      done: submissions.filter((s) => s.status === 'submitted').length,
      late: submissions.filter((s) => s.status === 'submitted' && s.late).length,
      missing: submissions.filter(
        (s) => s.status === 'missed' || ((s.status === 'open' || s.status === 'in_progress') && s.deadlineAt < now),
      ).length,
      lastMessageAt: last ?? null,
    };
  });
}
