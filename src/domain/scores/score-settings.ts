import type { ProgrammeSettings } from '../programme/programme-definition.ts';
import { DEFAULT_RUBRIC_SCALE, DEFAULT_SCORE_WEIGHTS, type ScoreWeights } from './score-weights.ts';

/**
 * A programme's score settings, with the defaults filled in: settings imported before scores
 * existed have none, and then the four scores count equally on a 1–5 rubric.
 */
export function scoreSettings(settings: Pick<ProgrammeSettings, 'scores'> | null | undefined): {
  weights: ScoreWeights;
  rubricScale: number;
} {
  return {
    weights: settings?.scores?.weights ?? DEFAULT_SCORE_WEIGHTS,
    rubricScale: settings?.scores?.rubricScale ?? DEFAULT_RUBRIC_SCALE,
  };
}
