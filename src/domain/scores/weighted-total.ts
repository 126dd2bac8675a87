import type { ScoreWeights } from './score-weights.ts';
import { NEUTRAL_SCORE, SCORE_NAMES, type ScoreName } from './score-weights.ts';

/** A score as the total reads it: null when there was nothing to judge. */
export type ScoreValues = Record<ScoreName, number | null>;

/**
 * The total, from 0 to 1: the weighted average of the scores that have something to judge,
 *
 *   total = Σ weight × score / Σ weight   over the scores that are not null,
 *
 * so a score without data (no grade yet, nothing due yet) gives its weight to the others in
 * proportion to theirs, instead of counting as 0 or as a made-up value. When no weighted score has
 * data the total is neutral (0.5).
 */
export function weightedTotal(scores: ScoreValues, weights: ScoreWeights): number {
  let sum = 0;
  let weight = 0;
  for (const name of SCORE_NAMES) {
    const value = scores[name];
    if (value === null || weights[name] <= 0) continue;
    sum += weights[name] * value;
    weight += weights[name];
  }
  return weight === 0 ? NEUTRAL_SCORE : sum / weight;
}
