import { describe, expect, it } from 'vitest';
import { scoreParticipant } from '../../../src/domain/scores/score-participant.ts';
import { day, exercise, week } from './exercise-fixture.ts';

const weights = { motivation: 3, reactivity: 2, teamwork: 2, rubric: 3 };

describe('a participant’s scores', () => {
  it('are neutral with nothing released, and the reasons say so once', () => {
    const result = scoreParticipant(
      { exercises: [], mentorSignals: [], rubricGrades: [] },
      { now: day(1), weights, rubricScale: 5, cohortHasGrades: false },
    );
    expect(result).toEqual({
      scores: { motivation: 0.5, reactivity: 0.5, teamwork: 0.5, rubric: null, total: 0.5 },
      // Shown neutral, but nothing was judged: the ranking reads null.
      judged: { motivation: null, reactivity: null, teamwork: null, rubric: null },
      reasons: [
        { key: 'scores:reason.nothing_due', values: {} },
        { key: 'scores:reason.teamwork_no_data', values: {} },
        { key: 'scores:reason.rubric_none_in_cohort', values: {} },
      ],
    });
    for (const value of Object.values(result.scores)) expect(Number.isNaN(value)).toBe(false);
  });

  it('weigh the four scores as the programme says', () => {
    const result = scoreParticipant(
      {
        exercises: [
          exercise({ status: 'submitted', submittedAt: day(0) }),
          week(1, { teamExercise: true, status: 'missed' }),
        ],
        mentorSignals: ['on_track'],
        rubricGrades: [5],
      },
      { now: day(20), weights, rubricScale: 5, cohortHasGrades: true },
    );
    // motivation 0.75 × 1/2 + 0.25 × 1 = 0.625; reactivity (1 + 0) / 2 = 0.5;
    // teamwork (team 0/1 + signal 1) / 2 = 0.5; rubric 1.
    expect(result.scores.motivation).toBeCloseTo(0.625, 10);
    expect(result.scores.reactivity).toBe(0.5);
    expect(result.scores.teamwork).toBe(0.5);
    expect(result.scores.rubric).toBe(1);
    expect(result.scores.total).toBeCloseTo((3 * 0.625 + 2 * 0.5 + 2 * 0.5 + 3 * 1) / 10, 10);
  });

  it('leave a participant nobody graded judged on the other scores', () => {
    const activity = {
      exercises: [exercise({ status: 'submitted', submittedAt: day(0) })],
      mentorSignals: [],
      rubricGrades: [],
    };
    const result = scoreParticipant(activity, { now: day(10), weights, rubricScale: 5, cohortHasGrades: true });
    // motivation 1 and reactivity 1 carry the whole weight; teamwork has no data.
    expect(result.scores).toEqual({ motivation: 1, reactivity: 1, teamwork: 0.5, rubric: null, total: 1 });
    expect(result.reasons.map((r) => r.key)).toContain('scores:reason.rubric_none');
  });
});
