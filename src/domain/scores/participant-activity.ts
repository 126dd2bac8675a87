import type { SessionActivity } from './session-attendance-score.ts';

/** What a participant did in one exercise, as the scores read it (one Submission row). */
export interface ExerciseActivity {
  exerciseKey: string;
  teamExercise: boolean;
  status: 'planned' | 'open' | 'in_progress' | 'submitted' | 'missed';
  /** Submitted after the deadline and its grace (Submission.late, decided when it was submitted). */
  late: boolean;
  /** When the exercise actually reached the participant (else when it was planned to). */
  releaseAt: Date;
  deadlineAt: Date;
  /** Minutes after the deadline during which an answer is still on time (the exercise's `grace`). */
  graceMinutes: number;
  submittedAt: Date | null;
  /** Questions of the exercise, optional ones included. */
  questionCount: number;
  /** Questions answered, not skipped. */
  answeredCount: number;
  /** Questions flagged `peer_feedback` in the programme file. */
  peerFeedbackQuestionCount: number;
  /** Of those, how many were answered, not skipped. */
  peerFeedbackAnsweredCount: number;
}

/** What a mentor said after a check-in with this participant. */
export type MentorSignal = 'on_track' | 'needs_attention' | 'no_contact';

/** Everything the scores of one participant are computed from. */
export interface ParticipantActivity {
  exercises: readonly ExerciseActivity[];
  /** Signals of the check-ins the participant's mentors answered. */
  mentorSignals: readonly MentorSignal[];
  /** Rubric grades given to the participant's submissions, by anyone, from 1 to the rubric scale. */
  rubricGrades: readonly number[];
  /** The sessions they were invited to (none when not given). */
  sessions?: readonly SessionActivity[];
}
