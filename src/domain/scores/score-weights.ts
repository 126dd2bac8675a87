/**
 * How much each score counts in a participant's total, set per programme (`scores.weights` in the
 * programme file). Only the proportions matter: { 2, 1, 1, 0 } and { 0.5, 0.25, 0.25, 0 } rank the
 * same way. Weights are 0 or more and not all 0 (checked when the file is read).
 */
export interface ScoreWeights {
  motivation: number;
  reactivity: number;
  teamwork: number;
  rubric: number;
}

/** What a programme gets when its file says nothing: the four scores count equally. */
export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = { motivation: 1, reactivity: 1, teamwork: 1, rubric: 1 };

/** Rubric grades go from 1 to this, unless the programme file sets `scores.rubric_scale`. */
export const DEFAULT_RUBRIC_SCALE = 5;

/** The score given where there is nothing yet to judge: half-way, so nobody is lifted or lowered. */
export const NEUTRAL_SCORE = 0.5;

export const SCORE_NAMES = ['motivation', 'reactivity', 'teamwork', 'rubric'] as const;
export type ScoreName = (typeof SCORE_NAMES)[number];
