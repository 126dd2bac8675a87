/** What deciding the order of a person's exercises reads of a submission. */
export interface SubmissionTurn {
  status: 'planned' | 'open' | 'in_progress' | 'submitted' | 'missed';
  releaseAt: Date;
  deadlineAt: Date;
  /** The last instant answers are taken (deadline + closes_after). */
  closesAt: Date;
}

/**
 * The exercises a person can answer at `now`, in the order the conversation asks them: released,
 * not handed in, not closed; soonest deadline first, then the one released first. The first is
 * the current exercise: the one the conversation asks and PROGRESS names; the others wait after it.
 */
export function exercisesInTurn<T>(submissions: readonly T[], turn: (submission: T) => SubmissionTurn, now: Date): T[] {
  const time = now.getTime();
  return submissions
    .map((submission) => ({ submission, timing: turn(submission) }))
    .filter(
      ({ timing }) =>
        (timing.status === 'open' || timing.status === 'in_progress') &&
        timing.releaseAt.getTime() <= time &&
        time <= timing.closesAt.getTime(),
    )
    .sort(
      (a, b) =>
        a.timing.deadlineAt.getTime() - b.timing.deadlineAt.getTime() ||
        a.timing.releaseAt.getTime() - b.timing.releaseAt.getTime(),
    )
    .map(({ submission }) => submission);
}
