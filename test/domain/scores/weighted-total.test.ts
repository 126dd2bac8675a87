import { describe, expect, it } from 'vitest';
import { weightedTotal } from '../../../src/domain/scores/weighted-total.ts';

const weights = { motivation: 3, reactivity: 2, teamwork: 2, rubric: 3 };

describe('the weighted total', () => {
  it('is the weighted average of the four scores', () => {
    // (3 × 0.8 + 2 × 0.5 + 2 × 0.6 + 3 × 1) / 10
    expect(weightedTotal({ motivation: 0.8, reactivity: 0.5, teamwork: 0.6, rubric: 1 }, weights)).toBeCloseTo(
      0.76,
      10,
    );
  });

  it('shares the weight of a score without data among the others, in proportion', () => {
    // No rubric: (3 × 0.8 + 2 × 0.5 + 2 × 0.6) / 7
    expect(weightedTotal({ motivation: 0.8, reactivity: 0.5, teamwork: 0.6, rubric: null }, weights)).toBeCloseTo(
      4.6 / 7,
      10,
    );
    // Only motivation known: the total is motivation.
    expect(weightedTotal({ motivation: 0.8, reactivity: null, teamwork: null, rubric: null }, weights)).toBeCloseTo(
      0.8,
      10,
    );
  });

  it('leaves out a score weighted 0', () => {
    const onlyMotivation = { motivation: 1, reactivity: 0, teamwork: 0, rubric: 0 };
    expect(weightedTotal({ motivation: 0.8, reactivity: 0.1, teamwork: 0.1, rubric: 0.1 }, onlyMotivation)).toBe(0.8);
  });

  it('only depends on the proportions of the weights', () => {
    const scores = { motivation: 0.9, reactivity: 0.4, teamwork: 0.7, rubric: 0.25 };
    expect(weightedTotal(scores, { motivation: 6, reactivity: 4, teamwork: 4, rubric: 6 })).toBeCloseTo(
      weightedTotal(scores, weights)!,
      10,
    );
  });

  it('is missing (not 50 %) when no weighted score has data', () => {
    expect(weightedTotal({ motivation: null, reactivity: null, teamwork: null, rubric: null }, weights)).toBeNull();
    expect(
      weightedTotal(
        { motivation: 1, reactivity: 1, teamwork: 1, rubric: null },
        { motivation: 0, reactivity: 0, teamwork: 0, rubric: 1 },
      ),
    ).toBeNull();
  });
});
