import { describe, expect, it } from 'vitest';
import type { ParticipantActivity } from '../../../src/domain/scores/participant-activity.ts';
import { teamworkScore } from '../../../src/domain/scores/teamwork-score.ts';
import { day, exercise, week } from './exercise-fixture.ts';

function activity(overrides: Partial<ParticipantActivity>): ParticipantActivity {
  return { exercises: [], mentorSignals: [], rubricGrades: [], ...overrides };
}

describe('teamwork', () => {
  it('is neutral, and says why, with no team exercise, peer feedback or check-in yet', () => {
    const solo = activity({ exercises: [exercise({ status: 'submitted' })] });
    expect(teamworkScore(solo, day(10))).toEqual({
      value: 0.5,
      hasData: false,
      reasons: [{ key: 'scores:reason.teamwork_no_data', values: {} }],
    });
  });

  it('averages team exercises, peer feedback and mentor signals', () => {
    const score = teamworkScore(
      activity({
        exercises: [
          exercise({
            teamExercise: true,
            status: 'submitted',
            peerFeedbackQuestionCount: 1,
            peerFeedbackAnsweredCount: 1,
          }),
          week(1, { teamExercise: true, status: 'missed', peerFeedbackQuestionCount: 1 }),
          week(2, { status: 'submitted' }),
        ],
        mentorSignals: ['on_track', 'on_track', 'needs_attention'],
      }),
      day(30),
    );
    // team exercises 1/2 = 0.5; peer feedback 1/2 = 0.5; signals (1 + 1 + 0.5) / 3 = 0.8333
    expect(score.value).toBeCloseTo((0.5 + 0.5 + 2.5 / 3) / 3, 10);
    expect(score.reasons).toEqual([
      { key: 'scores:reason.team_exercises', values: { submitted: 1, counted: 2 } },
      { key: 'scores:reason.peer_feedback', values: { answered: 1, asked: 2 } },
      { key: 'scores:reason.mentor_signals', values: { onTrack: 2, needsAttention: 1, noContact: 0 } },
    ]);
  });

  it('counts a late team exercise as submitted', () => {
    const late = exercise({ teamExercise: true, status: 'submitted', late: true, submittedAt: day(8) });
    expect(teamworkScore(activity({ exercises: [late] }), day(10)).value).toBe(1);
  });

  it('judges only the parts it has: a mentor who cannot reach the participant gives 0', () => {
    expect(teamworkScore(activity({ mentorSignals: ['no_contact'] }), day(1))).toEqual({
      value: 0,
      hasData: true,
      reasons: [{ key: 'scores:reason.mentor_signals', values: { onTrack: 0, needsAttention: 0, noContact: 1 } }],
    });
  });

  it('does not count a team exercise before its deadline unless it is submitted', () => {
    const open = exercise({ teamExercise: true, status: 'open', peerFeedbackQuestionCount: 1 });
    expect(teamworkScore(activity({ exercises: [open], mentorSignals: ['on_track'] }), day(3)).value).toBe(1);
  });
});
