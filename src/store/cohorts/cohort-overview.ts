import { DateTime } from 'luxon';
import type { ProgrammeSettings } from '../../domain/programme/programme-definition.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import { slippingReasons } from '../../domain/slipping.ts';
import { loadWatchedParticipants } from '../people/load-watched-participants.ts';
import { loadCohortFacts, type CohortFacts } from './load-cohort-facts.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import type { EnrolmentStatus } from '../generated/client.ts';
import { visibleHelpConversations } from '../access/visible-help-conversations.ts';
import type { DashboardScope } from '../access/visible-enrolments.ts';
import { countHelpConversations, type HelpDeskHubCounts } from '../metrics/count-help-conversations.ts';

/** Counts of one exercise's (or one week's) submissions. */
export interface SubmissionCounts {
  onTime: number;
  late: number;
  missing: number;
  /** Released and not handed in yet (open or in progress). */
  open: number;
}

export interface CohortOverview {
  cohort: { id: string; name: unknown; programmeName: unknown; pausedAt: Date | null; timeZone: string };
  /** Participants by status; `enrolled` is all of them. */
  counts: Record<EnrolmentStatus | 'enrolled', number>;
  exercises: ({ id: string; title: unknown; deadlineAt: Date | null } & SubmissionCounts)[];
  /** Submissions whose deadline has passed, by week of the deadline (Monday to Sunday, programme time). */
  weeks: ({ weekStart: Date } & SubmissionCounts)[];
  slipping: SlippingParticipant[];
  /** The programme's slipping rule, for the page to say it. */
  slippingRule: ProgrammeSettings['slipping'];
  /** Help-desk conversations per hub (counts and response times, never contents), as far as the viewer sees. */
  helpDesk: HelpDeskHubCounts[];
}

interface SlippingParticipant {
  personId: string;
  name: string | null;
  hub: unknown;
  status: EnrolmentStatus;
  /** When the mentor and staff were told; null when only the count below says so. */
  alertedAt: Date | null;
  /** Exercises missed in a row, as the slipping rule counts them; 0 when that is not why. */
  missedInARow: number;
  /** Whole days without a message, when that is why; null otherwise. */
  silentForDays: number | null;
}

const PAGE = 500;
const MINUTES_PER_DAY = 24 * 60;

/**
 * Everything the cohort page shows, in a few queries: participants by status, submissions per
 * exercise and per week, and who is slipping (by the rule the alerts follow, see `slippingParticipants`). NotFoundError when the cohort does not exist.
 * With `hubIds` (a trainer's, see `visibleHubIds`), every count and list is of those hubs' participants only.
 */
export async function loadCohortOverview(
  db: Database,
  cohortId: string,
  now: Date,
  hubIds: string[] | null = null,
  /** The viewer's scope: the help desk's counts cover only the conversations they may see (all the cohort's without). */
  scope?: DashboardScope,
): Promise<CohortOverview> {
  const cohort = await db.cohort.findUnique({
    where: { id: cohortId },
    select: {
      id: true,
      name: true,
      pausedAt: true,
      programme: {
        select: {
          name: true,
          settings: true,
          exercises: { orderBy: { position: 'asc' }, select: { id: true, title: true } },
        },
      },
    },
  });
  if (!cohort) throw new NotFoundError(`cohort ${cohortId} not found`);
  const settings = parseProgrammeSettings(cohort.programme.settings);
  // An erased person's enrolment stays (stopped), with their submissions' statuses, for the
  // programme's anonymous totals; the cohort page counts and lists only the people still there.
  const present = { erasedAt: null, ...(hubIds !== null && { hubId: { in: hubIds } }) };
  const enrolments = await db.enrolment.findMany({
    where: { cohortId, role: 'participant', person: present },
    select: {
      id: true,
      personId: true,
      status: true,
      slippingAlertedAt: true,
      person: { select: { displayName: true, hub: { select: { name: true } } } },
    },
  });
  const submissions = await db.submission.findMany({
    where: { enrolment: { cohortId, role: 'participant', person: present }, status: { not: 'planned' } },
    select: { exerciseId: true, enrolmentId: true, status: true, late: true, deadlineAt: true },
    orderBy: { deadlineAt: 'desc' },
  });

  const counts = { enrolled: enrolments.length, active: 0, paused: 0, stopped: 0, selected: 0, not_selected: 0 };
  for (const enrolment of enrolments) counts[enrolment.status] += 1;

  const perExercise = new Map(
    cohort.programme.exercises.map((exercise) => [
      exercise.id,
      { ...exercise, deadlineAt: null as Date | null, ...emptyCounts() },
    ]),
  );
  const perWeek = new Map<number, SubmissionCounts>();
  for (const submission of submissions) {
    const exercise = perExercise.get(submission.exerciseId);
    if (exercise) {
      add(exercise, submission);
      if (!exercise.deadlineAt || submission.deadlineAt < exercise.deadlineAt)
        exercise.deadlineAt = submission.deadlineAt;
    }
    if (submission.deadlineAt <= now) {
      const week = weekStart(submission.deadlineAt, settings.timeZone);
      const counted = perWeek.get(week) ?? emptyCounts();
      add(counted, submission);
      perWeek.set(week, counted);
    }
  }

  // Who is slipping is what the alerts judge (slippingReasons, over the participants they watch).
  const slipping = await slippingParticipants(db, cohortId, enrolments, now);
  return {
    cohort: {
      id: cohort.id,
      name: cohort.name,
      programmeName: cohort.programme.name,
      pausedAt: cohort.pausedAt,
      timeZone: settings.timeZone,
    },
    counts,
    exercises: [...perExercise.values()].filter((e) => e.deadlineAt !== null),
    weeks: [...perWeek.entries()]
      .sort(([a], [b]) => a - b)
      .map(([week, counted]) => ({ weekStart: new Date(week), ...counted })),
    slipping,
    slippingRule: settings.slipping,
    helpDesk: await countHelpConversations(db, {
      AND: [{ cohortId }, scope ? visibleHelpConversations(scope) : { person: { erasedAt: null } }],
    }),
  };
}

/**
 * The cohort's participants the slipping rules flag now, as the alerts judge them (slipping-due.ts):
 * the same watched participants, the same facts, the same `slippingReasons`. Someone paused, or
 * in a paused cohort, is not watched; misses before they became active or were selected no longer count.
 */
async function slippingParticipants(
  db: Database,
  cohortId: string,
  enrolments: { id: string; personId: string; status: EnrolmentStatus; person: { hub: { name: unknown } | null } }[],
  now: Date,
): Promise<SlippingParticipant[]> {
  const cohorts = new Map<string, CohortFacts>();
  await loadCohortFacts(db, cohorts, [cohortId]);
  const cohort = cohorts.get(cohortId);
  if (!cohort) return [];
  const byId = new Map(enrolments.map((enrolment) => [enrolment.id, enrolment]));
  const slipping: SlippingParticipant[] = [];
  for (let after = ''; ;) {
    const watched = await loadWatchedParticipants(db, { after, take: PAGE, cohortId });
    for (const participant of watched) {
      const enrolment = byId.get(participant.enrolmentId);
      const facts = { ...participant.facts, cohortResumedAt: cohort.resumedAt };
      const reasons = slippingReasons(facts, cohort.settings.slipping, now);
      if (!enrolment || reasons.length === 0) continue;
      const missed = reasons.find((reason) => reason.rule === 'missed_in_a_row');
      const silent = reasons.find((reason) => reason.rule === 'silent');
      slipping.push({
        personId: participant.personId,
        name: participant.name,
        hub: enrolment.person.hub?.name ?? null,
        status: enrolment.status,
        alertedAt: participant.slippingAlertedAt,
        missedInARow: missed?.rule === 'missed_in_a_row' ? missed.missed : 0,
        silentForDays: silent?.rule === 'silent' ? Math.floor(silent.silentForMinutes / MINUTES_PER_DAY) : null,
      });
    }
    if (watched.length < PAGE) break;
    after = watched.at(-1)!.enrolmentId;
  }
  return slipping.sort((a, b) => b.missedInARow - a.missedInARow || (a.name ?? '').localeCompare(b.name ?? ''));
}

function emptyCounts(): SubmissionCounts {
  return { onTime: 0, late: 0, missing: 0, open: 0 };
}

function add(counts: SubmissionCounts, submission: { status: string; late: boolean }): void {
  if (submission.status === 'submitted') counts[submission.late ? 'late' : 'onTime'] += 1;
  else if (submission.status === 'missed') counts.missing += 1;
  else counts.open += 1;
}

/** Monday 00:00 of the instant's week, in the programme's time zone (where staff read the chart). */
function weekStart(instant: Date, timeZone: string): number {
  return DateTime.fromJSDate(instant, { zone: timeZone }).startOf('week').toMillis();
}
