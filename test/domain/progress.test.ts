import { describe, expect, it } from 'vitest';
import { summarizeProgress, type ProgressSubmission } from '../../src/domain/progress.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const now = new Date('2027-02-03T12:00:00Z');

/** An exercise released `releasedDaysAgo` days before `now`, due 6 days 15 hours later, closing a week after. */
function submission(
  exerciseKey: string,
  releasedDaysAgo: number,
  status: ProgressSubmission['status'],
  late = false,
): ProgressSubmission {
  const releaseAt = new Date(now.getTime() - releasedDaysAgo * DAY_MS);
  const deadlineAt = new Date(releaseAt.getTime() + 6.625 * DAY_MS);
  return {
    exerciseKey,
    title: `Title ${exerciseKey}`,
    status,
    late,
    releaseAt,
    deadlineAt,
    closesAt: new Date(deadlineAt.getTime() + 7 * DAY_MS),
  };
}

describe('summarizing progress', () => {
  it('counts nothing before anything is released', () => {
    expect(summarizeProgress([submission('s1', -2, 'planned'), submission('s2', -9, 'planned')], now)).toEqual({
      done: 0,
      late: 0,
      missing: 0,
      stillAccepted: 0,
      open: 0,
      next: null,
      current: null,
      waiting: [],
    });
    expect(summarizeProgress([], now)).toMatchObject({ done: 0, next: null });
  });

  it('counts submitted work, late work among it, missing and open exercises', () => {
    const summary = summarizeProgress(
      [
        submission('s1', 30, 'submitted'),
        submission('s2', 23, 'submitted', true),
        submission('s3', 16, 'missed'),
        submission('s4', 9, 'open'), // past its deadline, still taken late
        submission('s5', 2, 'in_progress'),
        submission('s6', -5, 'planned'),
      ],
      now,
    );
    expect(summary).toEqual({
      done: 2,
      late: 1,
      missing: 2,
      stillAccepted: 1,
      open: 1,
      next: { exerciseKey: 's5', title: 'Title s5', deadlineAt: submission('s5', 2, 'in_progress').deadlineAt },
      // The one still taken late is due first: the conversation asks it before the other.
      current: submission('s4', 9, 'open'),
      waiting: [submission('s5', 2, 'in_progress')],
    });
  });

  it('counts an unsubmitted exercise as missing once its deadline has passed, whatever its status says', () => {
    const overdue = submission('s1', 7, 'in_progress');
    expect(summarizeProgress([overdue], new Date(overdue.deadlineAt.getTime() + 1))).toMatchObject({
      missing: 1,
      stillAccepted: 1,
      open: 0,
      next: null,
    });
    expect(summarizeProgress([overdue], new Date(overdue.closesAt.getTime() + 1))).toMatchObject({
      missing: 1,
      stillAccepted: 0,
    });
  });

  it('still counts an exercise as open at its deadline', () => {
    const due = submission('s1', 3, 'open');
    expect(summarizeProgress([due], due.deadlineAt)).toMatchObject({
      open: 1,
      missing: 0,
      next: { exerciseKey: 's1' },
    });
  });

  it('leaves out a released date whose release job has not run', () => {
    expect(summarizeProgress([submission('s1', 1, 'planned')], now)).toMatchObject({ open: 0, missing: 0, next: null });
  });

  it('names the open exercise due soonest as next, whatever the order', () => {
    const earlier = submission('team', 6, 'open');
    const later = submission('solo', 1, 'open');
    expect(summarizeProgress([later, earlier], now).next).toEqual({
      exerciseKey: 'team',
      title: 'Title team',
      deadlineAt: earlier.deadlineAt,
    });
    expect(summarizeProgress([earlier, later], now).next?.exerciseKey).toBe('team');
  });

  it('does not name a submitted exercise as next', () => {
    expect(summarizeProgress([submission('s1', 1, 'submitted')], now).next).toBeNull();
  });
});
