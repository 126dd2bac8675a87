import { describe, expect, it } from 'vitest';
import { rubricScore } from '../../../src/domain/scores/rubric-score.ts';

const graded = { cohortHasGrades: true, handedIn: true };

describe('rubric', () => {
  it('brings the average grade to 0..1: 1 is 0, the top of the scale is 1', () => {
    // (4 + 5 + 4) / 3 = 4.33 on 1..5 → 3.33 / 4 = 0.8333
    expect(rubricScore([4, 5, 4], 5, graded)).toEqual({
      value: (13 / 3 - 1) / 4,
      reasons: [{ key: 'scores:reason.rubric_average', values: { average: 4.3, scale: 5, grades: 3 } }],
    });
    expect(rubricScore([1], 5, graded).value).toBe(0);
    expect(rubricScore([10], 10, graded).value).toBe(1);
    expect(rubricScore([3], 5, graded).value).toBe(0.5);
  });

  it('keeps a grade above a lowered scale at the top of it', () => {
    expect(rubricScore([7, 3], 5, graded).value).toBe(0.75);
  });

  it('has no value without a grade, and says whether anyone in the cohort was graded or nothing was handed in', () => {
    expect(rubricScore([], 5, graded)).toEqual({
      value: null,
      reasons: [{ key: 'scores:reason.rubric_none', values: {} }],
    });
    expect(rubricScore([], 5, { cohortHasGrades: false, handedIn: true })).toEqual({
      value: null,
      reasons: [{ key: 'scores:reason.rubric_none_in_cohort', values: {} }],
    });
    expect(rubricScore([], 5, { cohortHasGrades: true, handedIn: false })).toEqual({
      value: null,
      reasons: [{ key: 'scores:reason.rubric_nothing_handed_in', values: {} }],
    });
  });
});
