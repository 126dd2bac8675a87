import { motivationScore } from './motivation-score.ts';
import type { ParticipantActivity } from './participant-activity.ts';
import { reactivityScore } from './reactivity-score.ts';
import { rubricScore } from './rubric-score.ts';
import type { ScoreReason } from './score-reason.ts';
import type { ScoreWeights } from './score-weights.ts';
import { teamworkScore } from './teamwork-score.ts';
import { weightedTotal, type ScoreValues } from './weighted-total.ts';

/** A participant's scores, each from 0 to 1; `rubric` is null without a grade. */
export interface ParticipantScores {
  motivation: number;
  reactivity: number;
  teamwork: number;
  rubric: number | null;
  total: number;
}

/** What a participant's scores are computed against: the instant, and the programme's score settings. */
interface ScoringContext {
  now: Date;
  weights: ScoreWeights;
  rubricScale: number;
  /** Whether anyone in the cohort has a rubric grade (only changes how a missing grade is explained). */
  cohortHasGrades: boolean;
}

/**
 * All of a participant's scores and the reasons behind them, in the order motivation, reactivity,
 * teamwork, rubric (a reason two scores share, such as "nothing due yet", is given once). A score
 * with nothing to judge shows as neutral (0.5) and is left out of the total (see weightedTotal);
 * `judged` holds null for it, which is what the ranking reads.
 */
export function scoreParticipant(
  activity: ParticipantActivity,
  context: ScoringContext,
): { scores: ParticipantScores; judged: ScoreValues; reasons: ScoreReason[] } {
  const motivation = motivationScore(activity.exercises, context.now);
  const reactivity = reactivityScore(activity.exercises, context.now);
  const teamwork = teamworkScore(activity, context.now);
  const rubric = rubricScore(activity.rubricGrades, context.rubricScale, context.cohortHasGrades);
  const judged: ScoreValues = {
    motivation: motivation.hasData ? motivation.value : null,
    reactivity: reactivity.hasData ? reactivity.value : null,
    teamwork: teamwork.hasData ? teamwork.value : null,
    rubric: rubric.value,
  };
  const total = weightedTotal(judged, context.weights);
  const reasons: ScoreReason[] = [];
  for (const item of [...motivation.reasons, ...reactivity.reasons, ...teamwork.reasons, ...rubric.reasons]) {
    if (
      !reasons.some((known) => known.key === item.key && JSON.stringify(known.values) === JSON.stringify(item.values))
    )
      reasons.push(item);
  }
  return {
    scores: {
      motivation: motivation.value,
      reactivity: reactivity.value,
      teamwork: teamwork.value,
      rubric: rubric.value,
      total,
    },
    judged,
    reasons,
  };
}
