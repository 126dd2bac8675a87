import { exercisesInTurn } from './exercises-in-turn.ts';

/** A participant's submissions, as the progress summary reads them. */
export interface ProgressSubmission {
  exerciseKey: string;
  /** In the participant's language. */
  title: string;
  status: 'planned' | 'open' | 'in_progress' | 'submitted' | 'missed';
  late: boolean;
  releaseAt: Date;
  deadlineAt: Date;
  /** The last instant answers are taken (deadline + closes_after). */
  closesAt: Date;
}

interface ProgressSummary {
  /** Submitted, on time or late. */
  done: number;
  /** Submitted after the deadline and its grace (counted in `done` too). */
  late: number;
  /** Released, past the deadline, not submitted. */
  missing: number;
  /** Among `missing`, those still taken (late) because they have not closed yet. */
  stillAccepted: number;
  /** Released, not submitted, deadline still ahead. */
  open: number;
  /** The open exercise due soonest. */
  next: { exerciseKey: string; title: string; deadlineAt: Date } | null;
  /** The exercise the conversation asks now (see exercisesInTurn), late ones included. */
  current: ProgressSubmission | null;
  /** The other exercises open, in the order they come after the current one. */
  waiting: ProgressSubmission[];
}

/**
 * Where a participant stands. "Released" is the status, not the release date: a submission still
 * `planned` has not reached the person (its release job has not run yet), so it is not counted
 * as open or missing. The deadline itself still counts as ahead, as it does for answers.
 */
export function summarizeProgress(submissions: readonly ProgressSubmission[], now: Date): ProgressSummary {
  const [current, ...waiting] = exercisesInTurn(submissions, (submission) => submission, now);
  const summary: ProgressSummary = {
    done: 0,
    late: 0,
    missing: 0,
    stillAccepted: 0,
    open: 0,
    next: null,
    current: current ?? null,
    waiting,
  };
  const time = now.getTime();
  for (const submission of submissions) {
    if (submission.status === 'planned') continue;
    if (submission.status === 'submitted') {
      summary.done += 1;
      if (submission.late) summary.late += 1;
    } else if (submission.status === 'missed' || submission.deadlineAt.getTime() < time) {
      summary.missing += 1;
      if (submission.status !== 'missed' && submission.closesAt.getTime() >= time) summary.stillAccepted += 1;
    } else {
      summary.open += 1;
      if (summary.next === null || submission.deadlineAt < summary.next.deadlineAt) {
        summary.next = {
          exerciseKey: submission.exerciseKey,
          title: submission.title,
          deadlineAt: submission.deadlineAt,
        };
      }
    }
  }
  return summary;
}
