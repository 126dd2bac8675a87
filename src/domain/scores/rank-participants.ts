import type { ParticipantScores } from './score-participant.ts';
import type { ScoreReason } from './score-reason.ts';
import { reason } from './score-reason.ts';
import type { ScoreWeights } from './score-weights.ts';

/** A participant with their scores, as the ranking reads them. */
export interface ScoredParticipant {
  personId: string;
  name: string | null;
  /** When they registered in the cohort (their enrolment): the last tie-break. */
  registeredAt: Date;
  /** Each from 0 to 1, null when there was nothing to judge (the total too, when no score counts). */
  scores: ParticipantScores;
  reasons: ScoreReason[];
}

/** Differences smaller than this are rounding noise, not a difference in the work. */
const SAME = 1e-9;

/** What breaks a tie on the total, in this order (the rubric last among scores: it is optional). */
const TIE_BREAKS = ['motivation', 'reactivity', 'teamwork', 'rubric'] as const;
type TieBreak = (typeof TIE_BREAKS)[number] | 'name' | 'order';

/**
 * The ranking for selection: highest total first, positions 1, 2, 3… with no two people sharing
 * one. The order is fully determined, whatever order the participants come in:
 * 1. total, highest first (a missing total last);
 * 2. on an equal total: motivation, then reactivity, then teamwork, then rubric, highest first,
 *    leaving out the scores weighed 0 (they play no part: the programme weighs them 0, or they do
 *    not count in the cohort yet, see countingWeights) and putting a missing score after any value;
 * 3. then name (alphabetical, ignoring case and accents; no name last);
 * 4. then registration order, first registered first (the person id if even that is equal).
 * Two people with the same total both get a reason naming the other and the criterion that
 * separated them, so no position looks arbitrary.
 */
export function rankParticipants<T extends ScoredParticipant>(
  participants: readonly T[],
  weights: ScoreWeights,
): (T & { rank: number })[] {
  const criteria = TIE_BREAKS.filter((criterion) => weights[criterion] > 0);
  const sorted = [...participants].sort((a, b) => compare(a, b, criteria));
  const ranked = sorted.map((participant, index) => ({
    ...participant,
    reasons: [...participant.reasons],
    rank: index + 1,
  }));
  for (let index = 1; index < ranked.length; index += 1) {
    const above = ranked[index - 1]!;
    const below = ranked[index]!;
    if (compareJudged(above.scores.total, below.scores.total) !== 0) continue;
    const criterion = separatedBy(above, below, criteria);
    above.reasons.push(reason(`reason.tie_ahead.${criterion}`, { name: below.name ?? '?', rank: below.rank }));
    below.reasons.push(reason(`reason.tie_behind.${criterion}`, { name: above.name ?? '?', rank: above.rank }));
  }
  return ranked;
}

function compare(a: ScoredParticipant, b: ScoredParticipant, criteria: readonly (typeof TIE_BREAKS)[number][]): number {
  const total = compareJudged(a.scores.total, b.scores.total);
  if (total !== 0) return total;
  for (const criterion of criteria) {
    const order = compareJudged(a.scores[criterion], b.scores[criterion]);
    if (order !== 0) return order;
  }
  return (
    compareNames(a.name, b.name) ||
    a.registeredAt.getTime() - b.registeredAt.getTime() ||
    (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0)
  );
}

function separatedBy(
  a: ScoredParticipant,
  b: ScoredParticipant,
  criteria: readonly (typeof TIE_BREAKS)[number][],
): TieBreak {
  return (
    criteria.find((criterion) => compareJudged(a.scores[criterion], b.scores[criterion]) !== 0) ??
    (compareNames(a.name, b.name) !== 0 ? 'name' : 'order')
  );
}

/** Highest first; nothing to judge after any value. */
function compareJudged(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return difference(b, a);
}

function difference(a: number, b: number): number {
  return Math.abs(a - b) <= SAME ? 0 : a - b;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

function compareNames(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return collator.compare(a, b);
}
