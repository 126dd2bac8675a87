import type { ScoreWeights } from './score-weights.ts';
import { SCORE_NAMES, type ScoreName } from './score-weights.ts';

/** A score as the total reads it: null when there was nothing to judge. */
export type ScoreValues = Record<ScoreName, number | null>;

/**
 * A participant's total, from 0 to 1: the weighted average of their scores that have something to
 * judge,
 *
 *   total = Σ weight × score / Σ weight   over the scores that are not null,
 *
 * so a score without data gives its weight to the others in proportion to theirs, instead of
 * counting as 0 or as a made-up value. The weights given are those that count in the cohort (see
 * countingWeights: a score some participants still lack weighs 0 for everyone). Null when no
 * weighted score has data: the total is missing, not 50 %.
 */
export function weightedTotal(scores: ScoreValues, weights: ScoreWeights): number | null {
  let sum = 0;
  let weight = 0;
  for (const name of SCORE_NAMES) {
    const value = scores[name];
    if (value === null || weights[name] <= 0) continue;
    sum += weights[name] * value;
    weight += weights[name];
  }
  return weight === 0 ? null : sum / weight;
}
