import { DateTime } from 'luxon';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import type { EnrolmentStatus } from '../generated/client.ts';

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
}

interface SlippingParticipant {
  personId: string;
  name: string | null;
  hub: unknown;
  status: EnrolmentStatus;
  /** When the mentor and staff were told; null when only the count below says so. */
  alertedAt: Date | null;
  /** Deadlines missed in a row, counting back from the latest. */
  missedInARow: number;
}

/**
 * Everything the cohort page shows, in a few queries: participants by status, submissions per
 * exercise and per week, and who is slipping (alerted, or as many missed deadlines in a row as
 * the programme's `slipping.missed_in_a_row`). NotFoundError when the cohort does not exist.
 */
export async function loadCohortOverview(db: Database, cohortId: string, now: Date): Promise<CohortOverview> {
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
  const enrolments = await db.enrolment.findMany({
    where: { cohortId, role: 'participant', person: { erasedAt: null } },
    select: {
      id: true,
      personId: true,
      status: true,
      slippingAlertedAt: true,
      person: { select: { displayName: true, hub: { select: { name: true } } } },
    },
  });
  const submissions = await db.submission.findMany({
    where: { enrolment: { cohortId, role: 'participant', person: { erasedAt: null } }, status: { not: 'planned' } },
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

  const threshold = settings.slipping.missedInARow;
  const missedInARowOf = missedInARowByEnrolment(submissions, now);
  const slipping: SlippingParticipant[] = [];
  for (const enrolment of enrolments) {
    if (enrolment.status === 'stopped' || enrolment.status === 'not_selected') continue;
    const missedInARow = missedInARowOf.get(enrolment.id) ?? 0;
    if (enrolment.slippingAlertedAt || missedInARow >= threshold) {
      slipping.push({
        personId: enrolment.personId,
        name: enrolment.person.displayName,
        hub: enrolment.person.hub?.name ?? null,
        status: enrolment.status,
        alertedAt: enrolment.slippingAlertedAt,
        missedInARow,
      });
    }
  }
  slipping.sort((a, b) => b.missedInARow - a.missedInARow || (a.name ?? '').localeCompare(b.name ?? ''));

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
  };
}

/**
 * Deadlines missed in a row by each enrolment, counting back from the latest past one, in one
 * pass over the submissions (newest first): each enrolment stops counting at its first deadline
 * that was not missed. Open and in-progress submissions are not counted either way.
 */
function missedInARowByEnrolment(
  submissions: { enrolmentId: string; status: string; deadlineAt: Date }[],
  now: Date,
): Map<string, number> {
  const missed = new Map<string, number>();
  const done = new Set<string>();
  for (const submission of submissions) {
    if (
      done.has(submission.enrolmentId) ||
      submission.deadlineAt > now ||
      submission.status === 'open' ||
      submission.status === 'in_progress'
    )
      continue;
    if (submission.status === 'missed')
      missed.set(submission.enrolmentId, (missed.get(submission.enrolmentId) ?? 0) + 1);
    else done.add(submission.enrolmentId);
  }
  return missed;
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
