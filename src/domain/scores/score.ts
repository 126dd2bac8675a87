import type { ScoreReason } from './score-reason.ts';

/**
 * A score from 0 to 1 with the reasons behind it. `hasData` is false when there was nothing to
 * judge: the value is then neutral (0.5) and the score is left out of the total.
 */
export interface Score {
  value: number;
  hasData: boolean;
  reasons: ScoreReason[];
}
