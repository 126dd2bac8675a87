import { countedExercises } from './counted-exercises.ts';
import type { MentorSignal, ParticipantActivity } from './participant-activity.ts';
import type { Score } from './score.ts';
import { reason } from './score-reason.ts';
import { NEUTRAL_SCORE } from './score-weights.ts';

/** What each check-in signal is worth: a mentor who cannot reach the mentee is the weakest sign. */
const MENTOR_SIGNAL_VALUES: Record<MentorSignal, number> = { on_track: 1, needs_attention: 0.5, no_contact: 0 };

/**
 * Teamwork: the average of up to three parts, each from 0 to 1, counting only the parts that have
 * something to judge:
 * - team exercises: of the counted exercises marked `team` (see countedExercises), the share submitted
 *   (on time or late);
 * - peer feedback: of the questions flagged `peer_feedback` in the counted exercises, the share
 *   answered rather than skipped;
 * - mentor signals: the average of the answered check-ins' signals, on track = 1,
 *   needs attention = 0.5, no contact = 0.
 * With none of the three yet the score is neutral (0.5, `hasData` false) and says so.
 */
export function teamworkScore(activity: ParticipantActivity, now: Date): Score {
  const counted = countedExercises(activity.exercises, now);
  const parts: number[] = [];
  const reasons = [];

  const team = counted.filter((exercise) => exercise.teamExercise);
  if (team.length > 0) {
    const submitted = team.filter((exercise) => exercise.status === 'submitted').length;
    parts.push(submitted / team.length);
    reasons.push(reason('reason.team_exercises', { submitted, counted: team.length }));
  }

  const asked = counted.reduce((sum, exercise) => sum + exercise.peerFeedbackQuestionCount, 0);
  if (asked > 0) {
    const answered = counted.reduce(
      (sum, exercise) => sum + Math.min(exercise.peerFeedbackAnsweredCount, exercise.peerFeedbackQuestionCount),
      0,
    );
    parts.push(answered / asked);
    reasons.push(reason('reason.peer_feedback', { answered, asked }));
  }

  const signals = activity.mentorSignals;
  if (signals.length > 0) {
    parts.push(signals.reduce((sum, signal) => sum + MENTOR_SIGNAL_VALUES[signal], 0) / signals.length);
    const count = (wanted: MentorSignal) => signals.filter((signal) => signal === wanted).length;
    reasons.push(
      reason('reason.mentor_signals', {
        onTrack: count('on_track'),
        needsAttention: count('needs_attention'),
        noContact: count('no_contact'),
      }),
    );
  }

  if (parts.length === 0) return { value: NEUTRAL_SCORE, hasData: false, reasons: [reason('reason.teamwork_no_data')] };
  return { value: parts.reduce((sum, part) => sum + part, 0) / parts.length, hasData: true, reasons };
}
