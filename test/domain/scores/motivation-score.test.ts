import { describe, expect, it } from 'vitest';
import { motivationScore } from '../../../src/domain/scores/motivation-score.ts';
import { day, exercise, week } from './exercise-fixture.ts';

describe('motivation', () => {
  it('is neutral, and says why, when nothing is due yet', () => {
    const justReleased = exercise({ status: 'open' });
    const notReleased = week(1, { status: 'planned' });
    expect(motivationScore([justReleased, notReleased], day(2))).toEqual({
      value: 0.5,
      hasData: false,
      reasons: [{ key: 'scores:reason.nothing_due', values: {} }],
    });
    expect(motivationScore([], day(2)).value).toBe(0.5);
  });

  it('is 1 for every exercise submitted with every question answered', () => {
    const score = motivationScore([exercise({ status: 'submitted' }), week(1, { status: 'submitted' })], day(20));
    expect(score.value).toBe(1);
    expect(score.reasons).toEqual([
      { key: 'scores:reason.submitted', values: { submitted: 2, counted: 2 } },
      { key: 'scores:reason.completeness', values: { percent: 100 } },
    ]);
  });

  it('is not lowered by an exercise released this week and not submitted yet', () => {
    const done = exercise({ status: 'submitted' });
    const fresh = week(1, { status: 'open' });
    expect(motivationScore([done, fresh], day(8)).value).toBe(1);
    // Once its deadline has passed, the missing exercise counts: 0.75 × 1/2 + 0.25 × 1.
    expect(motivationScore([done, fresh], day(14)).value).toBeCloseTo(0.625, 10);
  });

  it('does not count an exercise not submitted while its grace is still running', () => {
    const done = exercise({ status: 'submitted' });
    const inGrace = week(1, { status: 'open', graceMinutes: 12 * 60 });
    // Day 13 is the deadline; six hours later the grace still runs: an answer now would be on time.
    const sixHoursLater = new Date(day(13).getTime() + 6 * 60 * 60 * 1000);
    expect(motivationScore([done, inGrace], sixHoursLater).value).toBe(1);
    const graceOver = new Date(day(13).getTime() + 12 * 60 * 60 * 1000 + 1);
    expect(motivationScore([done, inGrace], graceOver).value).toBeCloseTo(0.625, 10);
  });

  it('counts an exercise submitted before its deadline, and says it was handed in early rather than due', () => {
    const early = week(1, { status: 'submitted', submittedAt: day(8) });
    const score = motivationScore([exercise({ status: 'missed' }), early], day(9));
    expect(score.value).toBeCloseTo(0.75 * 0.5 + 0.25, 10);
    expect(score.reasons.slice(0, 2)).toEqual([
      { key: 'scores:reason.submitted', values: { submitted: 0, counted: 1 } },
      { key: 'scores:reason.submitted_early', values: { count: 1 } },
    ]);
  });

  it('weighs submitted exercises at three quarters and complete answers at one quarter', () => {
    // 5 of 6 submitted; the fifth skipped one of its three questions.
    const exercises = [
      ...[0, 1, 2, 3].map((w) => week(w, { status: 'submitted' })),
      week(4, { status: 'submitted', answeredCount: 2 }),
      week(5, { status: 'missed' }),
    ];
    const score = motivationScore(exercises, day(60));
    // completeness = (1 + 1 + 1 + 1 + 2/3) / 5 = 0.9333; 0.75 × 5/6 + 0.25 × 0.9333 = 0.8583
    expect(score.value).toBeCloseTo(0.75 * (5 / 6) + 0.25 * (14 / 15), 10);
    expect(score.value).toBeCloseTo(0.858333, 5);
    expect(score.reasons).toEqual([
      { key: 'scores:reason.submitted', values: { submitted: 5, counted: 6 } },
      { key: 'scores:reason.completeness', values: { percent: 93 } },
    ]);
  });

  it('is 0 when nothing due was submitted, with no completeness to speak of', () => {
    const score = motivationScore(
      [exercise({ status: 'missed' }), week(1, { status: 'in_progress', answeredCount: 2 })],
      day(20),
    );
    expect(score).toEqual({
      value: 0,
      hasData: true,
      reasons: [{ key: 'scores:reason.submitted', values: { submitted: 0, counted: 2 } }],
    });
  });

  it('ignores an exercise still planned for the participant, even past its deadline', () => {
    const score = motivationScore([exercise({ status: 'submitted' }), week(1, { status: 'planned' })], day(30));
    expect(score.reasons[0]?.values).toEqual({ submitted: 1, counted: 1 });
  });

  it('treats an exercise without questions as complete', () => {
    expect(
      motivationScore([exercise({ status: 'submitted', questionCount: 0, answeredCount: 0 })], day(10)).value,
    ).toBe(1);
  });
});
