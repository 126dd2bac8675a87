import { FOLLOWED_STATUSES } from '../../domain/followed-statuses.ts';
import type { ProgrammeSettings } from '../../domain/programme/programme-definition.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';

/** A milestone whose next message (a reminder or the follow-up) is due, with its programme's settings. */
export interface DueMilestone {
  id: string;
  position: number;
  /** As the participant was given it. */
  title: string;
  /** YYYY-MM-DD, the participant's local date. */
  dueOn: string;
  /** When its message was due: the claim moves it on only from this value. */
  nextReminderAt: Date;
  personId: string;
  cohortId: string;
  programme: { settings: ProgrammeSettings; defaultLocale: string };
}

/**
 * Up to `take` milestones whose message is due at `now`, the most overdue first: not done, of
 * followed participants (active or selected) in cohorts not paused, who did not opt out and
 * were not erased.
 */
export async function findDueMilestones(db: Database, request: { now: Date; take: number }): Promise<DueMilestone[]> {
  const rows = await db.milestone.findMany({
    where: {
      status: { not: 'done' },
      nextReminderAt: { lte: request.now },
      actionPlan: {
        enrolment: {
          status: { in: [...FOLLOWED_STATUSES] },
          cohort: { pausedAt: null },
          person: { optedOutAt: null, erasedAt: null },
        },
      },
    },
    select: {
      id: true,
      position: true,
      title: true,
      dueOn: true,
      nextReminderAt: true,
      actionPlan: {
        select: {
          enrolment: {
            select: {
              personId: true,
              cohortId: true,
              cohort: { select: { programme: { select: { settings: true, defaultLocale: true } } } },
            },
          },
        },
      },
    },
    orderBy: { nextReminderAt: 'asc' },
    take: request.take,
  });
  return rows.map(({ actionPlan: { enrolment }, ...milestone }) => ({
    id: milestone.id,
    position: milestone.position,
    title: milestone.title,
    dueOn: milestone.dueOn.toISOString().slice(0, 10),
    nextReminderAt: milestone.nextReminderAt!,
    personId: enrolment.personId,
    cohortId: enrolment.cohortId,
    programme: {
      settings: parseProgrammeSettings(enrolment.cohort.programme.settings),
      defaultLocale: enrolment.cohort.programme.defaultLocale,
    },
  }));
}
