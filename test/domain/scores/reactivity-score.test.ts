import { describe, expect, it } from 'vitest';
import { reactivityScore } from '../../../src/domain/scores/reactivity-score.ts';
import { day, exercise, week } from './exercise-fixture.ts';

const HOUR_MS = 60 * 60 * 1000;

describe('reactivity', () => {
  it('is neutral when nothing is due yet', () => {
    expect(reactivityScore([exercise({ status: 'open' })], day(1))).toEqual({
      value: 0.5,
      hasData: false,
      reasons: [{ key: 'scores:reason.nothing_due', values: {} }],
    });
  });

  it('goes from 1 when submitted at the release to 0.5 when submitted at the deadline', () => {
    expect(reactivityScore([exercise({ status: 'submitted', submittedAt: day(0) })], day(10)).value).toBe(1);
    expect(reactivityScore([exercise({ status: 'submitted', submittedAt: day(6) })], day(10)).value).toBe(0.5);
    // Half of the six days left: 0.5 + 0.5 × 3/6.
    expect(reactivityScore([exercise({ status: 'submitted', submittedAt: day(3) })], day(10)).value).toBe(0.75);
  });

  it('counts work within the grace as on time, worth as much as work at the deadline', () => {
    const withinGrace = exercise({
      status: 'submitted',
      late: false,
      submittedAt: new Date(day(6).getTime() + 6 * HOUR_MS),
    });
    const score = reactivityScore([withinGrace], day(10));
    expect(score.value).toBe(0.5);
    expect(score.reasons).toEqual([
      { key: 'scores:reason.timing', values: { onTime: 1, withinGrace: 1, late: 0, missing: 0 } },
    ]);
  });

  it('gives nothing for late or missing work', () => {
    const exercises = [
      exercise({ status: 'submitted', submittedAt: day(3) }), // 0.75
      week(1, { status: 'submitted', submittedAt: new Date(day(13).getTime() + 6 * HOUR_MS) }), // within grace: 0.5
      week(2, { status: 'submitted', late: true, submittedAt: day(22) }), // late: 0
      week(3, { status: 'missed' }), // 0
    ];
    const score = reactivityScore(exercises, day(40));
    expect(score.value).toBe((0.75 + 0.5 + 0 + 0) / 4);
    expect(score.reasons).toEqual([
      { key: 'scores:reason.timing', values: { onTime: 2, withinGrace: 1, late: 1, missing: 1 } },
      { key: 'scores:reason.lead', values: { days: 3 } },
    ]);
  });

  it('is 0 when everything came late', () => {
    const late = [0, 1, 2].map((w) => week(w, { status: 'submitted', late: true, submittedAt: day(7 * w + 8) }));
    expect(reactivityScore(late, day(30))).toEqual({
      value: 0,
      hasData: true,
      reasons: [{ key: 'scores:reason.timing', values: { onTime: 0, withinGrace: 0, late: 3, missing: 0 } }],
    });
  });

  it('measures from when the exercise actually reached the participant', () => {
    // Released three days late: submitted half-way through the three days left.
    const delayed = exercise({
      status: 'submitted',
      releaseAt: day(3),
      submittedAt: new Date(day(4).getTime() + 12 * HOUR_MS),
    });
    expect(reactivityScore([delayed], day(10)).value).toBe(0.75);
  });

  it('averages the days ahead of the deadline over the work sent before it', () => {
    const exercises = [
      exercise({ status: 'submitted', submittedAt: day(2) }),
      week(1, { status: 'submitted', submittedAt: day(12) }),
    ];
    // 4 days and 1 day ahead: 2.5 on average.
    expect(reactivityScore(exercises, day(20)).reasons[1]).toEqual({
      key: 'scores:reason.lead',
      values: { days: 2.5 },
    });
  });
});
