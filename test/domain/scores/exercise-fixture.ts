import type { ExerciseActivity } from '../../../src/domain/scores/participant-activity.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Day `n` of the tests' calendar, at midnight UTC: exercises run from day 0 to day 6. */
export function day(n: number): Date {
  return new Date(Date.UTC(2027, 0, 11) + n * DAY_MS);
}

/** An exercise released on day 0 with its deadline on day 6, three questions, answered in full when submitted. */
export function exercise(overrides: Partial<ExerciseActivity> = {}): ExerciseActivity {
  const submitted = overrides.status === 'submitted';
  return {
    exerciseKey: 'semaine-1',
    teamExercise: false,
    status: 'missed',
    late: false,
    releaseAt: day(0),
    deadlineAt: day(6),
    graceMinutes: 0,
    submittedAt: submitted ? day(3) : null,
    questionCount: 3,
    answeredCount: submitted ? 3 : 0,
    peerFeedbackQuestionCount: 0,
    peerFeedbackAnsweredCount: 0,
    ...overrides,
  };
}

/** The same exercise `weeks` weeks later (its default instants shifted; instants in `overrides` are taken as they are). */
export function week(weeks: number, overrides: Partial<ExerciseActivity> = {}): ExerciseActivity {
  const shift = (date: Date) => new Date(date.getTime() + weeks * 7 * DAY_MS);
  return exercise({
    exerciseKey: `semaine-${weeks + 1}`,
    releaseAt: shift(day(0)),
    deadlineAt: shift(day(6)),
    submittedAt: overrides.status === 'submitted' ? shift(day(3)) : null,
    ...overrides,
  });
}
