import type { HelpResponders } from '../../domain/help-desk/help-routing.ts';
import { isLanguage, type Language } from '../../domain/programme/language.ts';
import { currentTrainerHubs } from '../access/load-viewer-scope.ts';
import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';

/** Someone of the team who can answer a help-desk conversation, as the chat needs to write to them. */
export interface HelpResponder {
  personId: string;
  displayName: string | null;
  locale: Language | null;
}

/** Whose question it is: the person, the cohort they are a participant in, their hub. */
export interface HelpAsker {
  personId: string;
  cohortId: string;
  hubId: string | null;
}

/** People who can still be written to: not erased, not stopped (STOP). */
const reachable = { erasedAt: null, optedOutAt: null } as const;
const responder = { id: true, displayName: true, locale: true } as const;

/**
 * Who answers the person at each level of the help desk, now: their current mentors in the cohort,
 * the trainers who run their hub in it, the staff of its programme (a staff enrolment that is not
 * stopped). Each list in the order people joined, so that a notice goes out in a stable order.
 */
export async function listHelpResponders(
  db: Database | Prisma.TransactionClient,
  asker: HelpAsker,
): Promise<HelpResponders<HelpResponder>> {
  const [mentors, trainers, staff] = await Promise.all([
    db.mentorAssignment.findMany({
      where: { menteeId: asker.personId, cohortId: asker.cohortId, endedAt: null, mentor: reachable },
      orderBy: { createdAt: 'asc' },
      select: { mentor: { select: responder } },
    }),
    asker.hubId === null
      ? Promise.resolve([])
      : db.trainerHub.findMany({
          where: { AND: [currentTrainerHubs(), { hubId: asker.hubId, cohortId: asker.cohortId, person: reachable }] },
          orderBy: { createdAt: 'asc' },
          select: { person: { select: responder } },
        }),
    db.person.findMany({
      where: {
        ...reachable,
        roles: { has: 'staff' },
        enrolments: {
          some: {
            role: 'staff',
            status: { not: 'stopped' },
            cohort: { programme: { cohorts: { some: { id: asker.cohortId } } } },
          },
        },
      },
      orderBy: { createdAt: 'asc' },
      select: responder,
    }),
  ]);
  const view = (p: { id: string; displayName: string | null; locale: string | null }): HelpResponder => ({
    personId: p.id,
    displayName: p.displayName,
    locale: isLanguage(p.locale) ? p.locale : null,
  });
  return {
    mentor: uniqueById(mentors.map((m) => view(m.mentor))),
    trainer: uniqueById(trainers.map((t) => view(t.person))),
    staff: staff.map(view),
  };
}

function uniqueById(responders: HelpResponder[]): HelpResponder[] {
  const seen = new Set<string>();
  return responders.filter((r) => !seen.has(r.personId) && seen.add(r.personId));
}
