import { describe, expect, it } from 'vitest';
import { rankParticipants, type ScoredParticipant } from '../../../src/domain/scores/rank-participants.ts';
import { DEFAULT_SCORE_WEIGHTS } from '../../../src/domain/scores/score-weights.ts';

const registered = new Date('2027-01-04T10:00:00Z');

/** A participant whose scores are all 50 % but the rubric (missing), unless `scores` says otherwise. */
function participant(
  personId: string,
  name: string | null,
  scores: Partial<ScoredParticipant['scores']>,
  options: { registeredAt?: Date } = {},
): ScoredParticipant {
  return {
    personId,
    name,
    registeredAt: options.registeredAt ?? registered,
    scores: { motivation: 0.5, reactivity: 0.5, teamwork: 0.5, rubric: null, total: 0.5, ...scores },
    reasons: [],
  };
}

const rank = (people: readonly ScoredParticipant[], weights = DEFAULT_SCORE_WEIGHTS) =>
  rankParticipants(people, weights);

const order = (ranked: { rank: number; personId: string }[]) => ranked.map((p) => `${p.rank}:${p.personId}`);

describe('the ranking for selection', () => {
  it('puts the highest total first, with positions 1, 2, 3…', () => {
    const ranked = rank([
      participant('c', 'Chantal', { total: 0.2 }),
      participant('a', 'Awa', { total: 0.9 }),
      participant('b', 'Boubacar', { total: 0.6 }),
    ]);
    expect(order(ranked)).toEqual(['1:a', '2:b', '3:c']);
    expect(ranked.every((p) => p.reasons.length === 0)).toBe(true);
  });

  it('breaks a tie on the total by motivation, then reactivity, teamwork and rubric, and says so to both', () => {
    const ranked = rank([
      participant('r1', 'Rivo', { total: 0.7, motivation: 0.6, reactivity: 0.8 }),
      participant('m1', 'Moussa', { total: 0.7, motivation: 0.8 }),
      participant('r2', 'Rokia', { total: 0.7, motivation: 0.6, reactivity: 0.9 }),
    ]);
    expect(order(ranked)).toEqual(['1:m1', '2:r2', '3:r1']);
    expect(ranked[0]?.reasons).toEqual([
      { key: 'scores:reason.tie_ahead.motivation', values: { name: 'Rokia', rank: 2 } },
    ]);
    expect(ranked[1]?.reasons).toEqual([
      { key: 'scores:reason.tie_behind.motivation', values: { name: 'Moussa', rank: 1 } },
      { key: 'scores:reason.tie_ahead.reactivity', values: { name: 'Rivo', rank: 3 } },
    ]);
    expect(ranked[2]?.reasons).toEqual([
      { key: 'scores:reason.tie_behind.reactivity', values: { name: 'Rokia', rank: 2 } },
    ]);
  });

  it('puts a graded participant before an ungraded one with the same other scores', () => {
    const ranked = rank([participant('u', 'Ungraded', {}), participant('g', 'Graded', { rubric: 0 })]);
    expect(order(ranked)).toEqual(['1:g', '2:u']);
    expect(ranked[0]?.reasons[0]?.key).toBe('scores:reason.tie_ahead.rubric');
  });

  it('orders people with identical scores by name (ignoring accents and case), then by registration, whatever the input order', () => {
    const later = new Date(registered.getTime() + 60_000);
    const people = [
      participant('p4', null, {}),
      participant('p3', 'émile', {}),
      participant('a', 'Awa', {}, { registeredAt: later }),
      participant('z', 'Awa', {}),
      participant('p5', 'Zoé', {}),
    ];
    // The two Awa: the one who registered first, though her id sorts last.
    const expected = ['1:z', '2:a', '3:p3', '4:p5', '5:p4'];
    expect(order(rank(people))).toEqual(expected);
    expect(order(rank([...people].reverse()))).toEqual(expected);
    expect(rank(people)[2]?.reasons).toEqual([
      { key: 'scores:reason.tie_behind.name', values: { name: 'Awa', rank: 2 } },
      { key: 'scores:reason.tie_ahead.name', values: { name: 'Zoé', rank: 4 } },
    ]);
  });

  it('says when registration order, not the name, separated two people', () => {
    const ranked = rank([
      participant('b', 'Awa', {}, { registeredAt: new Date(registered.getTime() + 1) }),
      participant('a', 'Awa', {}),
    ]);
    expect(order(ranked)).toEqual(['1:a', '2:b']);
    expect(ranked[0]?.reasons).toEqual([{ key: 'scores:reason.tie_ahead.order', values: { name: 'Awa', rank: 2 } }]);
    expect(ranked[1]?.reasons).toEqual([{ key: 'scores:reason.tie_behind.order', values: { name: 'Awa', rank: 1 } }]);
  });

  it('leaves a score weighed 0 out of the tie-break', () => {
    const people = [
      participant('m', 'Moussa', { total: 0.7, motivation: 0.9 }),
      participant('r', 'Rokia', { total: 0.7, reactivity: 0.8 }),
    ];
    expect(order(rank(people))).toEqual(['1:m', '2:r']);
    const ranked = rank(people, { ...DEFAULT_SCORE_WEIGHTS, motivation: 0 });
    expect(order(ranked)).toEqual(['1:r', '2:m']);
    expect(ranked[0]?.reasons[0]?.key).toBe('scores:reason.tie_ahead.reactivity');
  });

  it('puts a missing score after any value, and a missing total last', () => {
    // Nothing due yet for Nina: her motivation is missing; Ali's 20 % is a result.
    const ranked = rank([
      participant('z', 'Zénab', { total: null }),
      participant('n', 'Nina', { total: 0.6, motivation: null }),
      participant('a', 'Ali', { total: 0.6, motivation: 0.2 }),
    ]);
    expect(order(ranked)).toEqual(['1:a', '2:n', '3:z']);
    expect(ranked[0]?.reasons[0]?.key).toBe('scores:reason.tie_ahead.motivation');
  });

  it('does not treat rounding noise as a difference', () => {
    const ranked = rank([
      participant('b', 'Binta', { total: 0.1 + 0.2, motivation: 0.9 }),
      participant('a', 'Adama', { total: 0.3, motivation: 0.4 }),
    ]);
    expect(order(ranked)).toEqual(['1:b', '2:a']);
  });
});
