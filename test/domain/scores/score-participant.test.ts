import { describe, expect, it } from 'vitest';
import { scoreParticipant } from '../../../src/domain/scores/score-participant.ts';
import { day, exercise, week } from './exercise-fixture.ts';

describe('a participant’s scores', () => {
  it('are missing, not 50 %, with nothing released, and the reasons say so once', () => {
    const result = scoreParticipant(
      { exercises: [], mentorSignals: [], rubricGrades: [] },
      { now: day(1), rubricScale: 5, cohortHasGrades: false },
    );
    expect(result).toEqual({
      scores: { motivation: null, reactivity: null, teamwork: null, rubric: null },
      due: false,
      handedIn: false,
      reasons: [
        { key: 'scores:reason.nothing_due', values: {} },
        { key: 'scores:reason.teamwork_no_data', values: {} },
        { key: 'scores:reason.rubric_nothing_handed_in', values: {} },
      ],
    });
  });

  it('judge each of the four scores on what the participant did', () => {
    const result = scoreParticipant(
      {
        exercises: [
          exercise({ status: 'submitted', submittedAt: day(0) }),
          week(1, { teamExercise: true, status: 'missed' }),
        ],
        mentorSignals: ['on_track'],
        rubricGrades: [5],
      },
      { now: day(20), rubricScale: 5, cohortHasGrades: true },
    );
    // motivation 0.75 × 1/2 + 0.25 × 1 = 0.625; reactivity (1 + 0) / 2 = 0.5;
    // teamwork (team 0/1 + signal 1) / 2 = 0.5; rubric 1.
    expect(result.scores.motivation).toBeCloseTo(0.625, 10);
    expect(result.scores.reactivity).toBe(0.5);
    expect(result.scores.teamwork).toBe(0.5);
    expect(result.scores.rubric).toBe(1);
    expect(result).toMatchObject({ due: true, handedIn: true });
  });

  it('say when a participant who handed work in is not graded yet', () => {
    const activity = {
      exercises: [exercise({ status: 'submitted', submittedAt: day(0) })],
      mentorSignals: [],
      rubricGrades: [],
    };
    const result = scoreParticipant(activity, { now: day(10), rubricScale: 5, cohortHasGrades: true });
    expect(result.scores).toEqual({ motivation: 1, reactivity: 1, teamwork: null, rubric: null });
    expect(result.reasons.map((r) => r.key)).toContain('scores:reason.rubric_none');
  });
});
