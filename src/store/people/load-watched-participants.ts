import { FOLLOWED_STATUSES } from '../../domain/followed-statuses.ts';
import type { SlippingFacts } from '../../domain/slipping.ts';
import { exerciseClosesAt } from '../../domain/submission-timing.ts';
import type { Database } from '../database.ts';

/** A watched participant, with what the slipping rules read of them (the cohort's resume aside). */
export interface WatchedParticipant {
  enrolmentId: string;
  personId: string;
  cohortId: string;
  name: string | null;
  slippingAlertedAt: Date | null;
  facts: Omit<SlippingFacts, 'cohortResumedAt'>;
}

/**
 * One page of the participants the slipping alerts watch (active and selected ones, see
 * FOLLOWED_STATUSES), by enrolment id after `cursor`, in one cohort or all. Nobody is watched in a paused cohort, nor
 * anyone who opted out or was erased. Keyset pagination: a row that disappears between two pages
 * cannot end the sweep early.
 */
export async function loadWatchedParticipants(
  db: Database,
  page: { after: string; take: number; cohortId?: string },
): Promise<WatchedParticipant[]> {
  const enrolments = await db.enrolment.findMany({
    where: {
      id: { gt: page.after },
      ...(page.cohortId && { cohortId: page.cohortId }),
      role: 'participant',
      status: { in: [...FOLLOWED_STATUSES] },
      cohort: { pausedAt: null },
      person: { optedOutAt: null, erasedAt: null },
    },
    orderBy: { id: 'asc' },
    take: page.take,
    select: {
      id: true,
      personId: true,
      cohortId: true,
      slippingAlertedAt: true,
      statusChangedAt: true,
      person: { select: { displayName: true, identities: { select: { lastInboundAt: true } } } },
      submissions: {
        where: { status: { not: 'planned' } },
        select: {
          status: true,
          deadlineAt: true,
          releasedAt: true,
          exercise: { select: { graceMinutes: true, closesAfterMinutes: true } },
        },
      },
    },
  });
  return enrolments.map((enrolment) => ({
    enrolmentId: enrolment.id,
    personId: enrolment.personId,
    cohortId: enrolment.cohortId,
    name: enrolment.person.displayName,
    slippingAlertedAt: enrolment.slippingAlertedAt,
    facts: {
      submissions: enrolment.submissions.map((s) => ({
        status: s.status,
        deadlineAt: s.deadlineAt,
        closesAt: exerciseClosesAt(s.deadlineAt, s.exercise.graceMinutes, s.exercise.closesAfterMinutes),
        releasedAt: s.releasedAt,
      })),
      lastMessageAt: latest(enrolment.person.identities.map((i) => i.lastInboundAt)),
      activeSince: enrolment.statusChangedAt,
    },
  }));
}

/** The latest of some instants, null when there is none. */
export function latest(instants: (Date | null)[]): Date | null {
  return instants.reduce<Date | null>((last, instant) => (instant && (!last || instant > last) ? instant : last), null);
}
