import { SCORE_NAMES, type ScoreName, type ScoreWeights } from './score-weights.ts';
import type { ScoreValues } from './weighted-total.ts';

/** Whether a score counts in the cohort's totals, and how many of the participants who should have it do. */
export interface CountedScore {
  counts: boolean;
  /** Participants with something to judge for this score. */
  have: number;
  /** Participants who should have it: those with an exercise due, or for the grades those who handed work in. */
  of: number;
}

export type CountedScores = Record<ScoreName, CountedScore>;

/**
 * Which scores count in the totals of a cohort. A score weighted above 0 counts once every
 * participant who should have it has it; until then it is left out of everyone's total. Why: a
 * score known for some people and missing for others compares them on different grounds. With the
 * grades, grading a few people first would move them (down for a middling grade, up for a good
 * one) against everyone not yet graded; leaving the grades out until all are graded means grading
 * some people neither lowers nor raises them. The same holds for a mentor's check-in signals or an
 * exercise not yet due for some.
 *
 * Who should have a score: everyone with at least one exercise due (see countedExercises), and for
 * the grades everyone who handed in at least one exercise. Someone with nothing due yet (they
 * joined late) or nothing handed in (nothing to grade) holds no score back: their total is made of
 * the scores they have (see weightedTotal), and is missing when they have none.
 */
export function countedScores(
  participants: readonly { scores: ScoreValues; due: boolean; handedIn: boolean }[],
  weights: ScoreWeights,
): CountedScores {
  const counted = {} as CountedScores;
  for (const name of SCORE_NAMES) {
    const concerned = participants.filter((participant) =>
      name === 'rubric' ? participant.handedIn : participant.due,
    );
    const have = concerned.filter((participant) => participant.scores[name] !== null).length;
    counted[name] = { counts: weights[name] > 0 && have > 0 && have === concerned.length, have, of: concerned.length };
  }
  return counted;
}

/** The programme's weights with the scores that do not count yet set to 0: what every total is weighed with. */
export function countingWeights(counted: CountedScores, weights: ScoreWeights): ScoreWeights {
  return {
    motivation: counted.motivation.counts ? weights.motivation : 0,
    reactivity: counted.reactivity.counts ? weights.reactivity : 0,
    teamwork: counted.teamwork.counts ? weights.teamwork : 0,
    rubric: counted.rubric.counts ? weights.rubric : 0,
  };
}
