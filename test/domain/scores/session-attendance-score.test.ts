import { describe, expect, it } from 'vitest';
import type { SessionActivity } from '../../../src/domain/scores/session-attendance-score.ts';
import { sessionAttendanceScore } from '../../../src/domain/scores/session-attendance-score.ts';
import { scoreParticipant } from '../../../src/domain/scores/score-participant.ts';
import { day, exercise } from './exercise-fixture.ts';

/** A workshop that ended on day 2, attendance taken, RSVP asked; not attended, no answer. */
function session(overrides: Partial<SessionActivity> = {}): SessionActivity {
  return {
    endsAt: day(2),
    cancelled: false,
    attendanceTaken: true,
    rsvpAsked: true,
    rsvp: null,
    waitlisted: false,
    attended: false,
    ...overrides,
  };
}

describe('sessions in motivation', () => {
  it('count only sessions that ended, were not cancelled, took attendance and had a seat for them', () => {
    const score = sessionAttendanceScore(
      [
        session({ attended: true }),
        session(),
        session({ endsAt: day(9) }),
        session({ cancelled: true }),
        session({ attendanceTaken: false }),
        // Left on the waiting list: never given a seat, so not counted against them.
        session({ rsvp: 'yes', waitlisted: true }),
      ],
      day(5),
      false,
    );
    expect(score).toEqual({
      value: 0.5,
      hasData: true,
      reasons: [{ key: 'scores:reason.sessions_attended', values: { attended: 1, counted: 2 } }],
    });
    expect(sessionAttendanceScore([session({ endsAt: day(9) })], day(5), false).hasData).toBe(false);
  });

  it('count a kept answer half when the programme asks: came after answering, or said no beforehand', () => {
    const sessions = [
      session({ rsvp: 'yes', attended: true }), // attended, kept
      session({ rsvp: 'no' }), // absent, kept
      session({ rsvp: 'yes' }), // absent, not kept
      session({ attended: true }), // attended, never answered: not kept
    ];
    const score = sessionAttendanceScore(sessions, day(5), true);
    // ½ × 2/4 attended + ½ × 2/4 kept
    expect(score.value).toBeCloseTo(0.5, 10);
    expect(score.reasons.map((r) => r.values)).toEqual([
      { attended: 2, counted: 4 },
      { kept: 2, asked: 4 },
    ]);
    // Without the RSVP part, the same sessions are judged on attendance alone.
    expect(sessionAttendanceScore(sessions, day(5), false).value).toBe(0.5);
    expect(sessionAttendanceScore([session({ rsvp: 'no' })], day(5), true).value).toBe(0.5);
  });

  it('leave motivation as it was without a weight, and weigh in beside the exercises with one', () => {
    const activity = {
      exercises: [exercise({ status: 'submitted', submittedAt: day(1) })],
      mentorSignals: [],
      rubricGrades: [],
      sessions: [session(), session({ attended: true }), session()],
    };
    const context = { now: day(10), rubricScale: 5, cohortHasGrades: false };
    expect(scoreParticipant(activity, context).scores.motivation).toBe(1);
    expect(
      scoreParticipant(activity, { ...context, attendance: { weight: 0, rsvpKept: true } }).scores.motivation,
    ).toBe(1);
    const weighed = scoreParticipant(activity, { ...context, attendance: { weight: 0.5, rsvpKept: false } });
    // (1 + 0.5 × 1/3) / 1.5
    expect(weighed.scores.motivation).toBeCloseTo(7 / 9, 10);
    expect(weighed.reasons.map((r) => r.key)).toContain('scores:reason.sessions_attended');
  });

  it('wait for an exercise due: sessions alone give no motivation score', () => {
    const result = scoreParticipant(
      { exercises: [], mentorSignals: [], rubricGrades: [], sessions: [session({ attended: true })] },
      { now: day(10), rubricScale: 5, cohortHasGrades: false, attendance: { weight: 1, rsvpKept: false } },
    );
    expect(result.scores.motivation).toBeNull();
  });
});
