import { countedExercises } from './counted-exercises.ts';
import { motivationScore } from './motivation-score.ts';
import type { ParticipantActivity } from './participant-activity.ts';
import { reactivityScore } from './reactivity-score.ts';
import { rubricScore } from './rubric-score.ts';
import {
  DEFAULT_ATTENDANCE_SCORING,
  sessionAttendanceScore,
  withSessionAttendance,
  type AttendanceScoring,
} from './session-attendance-score.ts';
import type { ScoreReason } from './score-reason.ts';
import type { ScoreValues } from './weighted-total.ts';
import { teamworkScore } from './teamwork-score.ts';

/** A participant's scores, each from 0 to 1, and the total; null where there is nothing to judge (missing, not 50 %). */
export type ParticipantScores = ScoreValues & { total: number | null };

/** What a participant's scores are computed against: the instant, and the programme's rubric scale. */
interface ScoringContext {
  now: Date;
  rubricScale: number;
  /** Whether anyone in the cohort has a rubric grade (only changes how a missing grade is explained). */
  cohortHasGrades: boolean;
  /** How sessions count in motivation (`scores.attendance`); not at all unless given. */
  attendance?: AttendanceScoring;
}

/**
 * All of a participant's own scores and the reasons behind them, in the order motivation,
 * reactivity, teamwork, rubric (a reason two scores share, such as "nothing due yet", is given
 * once). A score with nothing to judge is null. The total depends on the whole cohort (which
 * scores count, see countedScores) and is computed by scoreCohort. `due`: at least one exercise
 * due (see countedExercises); `handedIn`: at least one handed in, so there is something to grade.
 */
export function scoreParticipant(
  activity: ParticipantActivity,
  context: ScoringContext,
): { scores: ScoreValues; due: boolean; handedIn: boolean; reasons: ScoreReason[] } {
  const due = countedExercises(activity.exercises, context.now).length > 0;
  const handedIn = activity.exercises.some((exercise) => exercise.status === 'submitted');
  const attendance = context.attendance ?? DEFAULT_ATTENDANCE_SCORING;
  const motivation = withSessionAttendance(
    motivationScore(activity.exercises, context.now),
    sessionAttendanceScore(activity.sessions ?? [], context.now, attendance.rsvpKept),
    attendance.weight,
  );
  const reactivity = reactivityScore(activity.exercises, context.now);
  const teamwork = teamworkScore(activity, context.now);
  const rubric = rubricScore(activity.rubricGrades, context.rubricScale, {
    cohortHasGrades: context.cohortHasGrades,
    handedIn,
  });
  const reasons: ScoreReason[] = [];
  for (const item of [...motivation.reasons, ...reactivity.reasons, ...teamwork.reasons, ...rubric.reasons]) {
    if (
      !reasons.some((known) => known.key === item.key && JSON.stringify(known.values) === JSON.stringify(item.values))
    )
      reasons.push(item);
  }
  return {
    scores: {
      motivation: motivation.hasData ? motivation.value : null,
      reactivity: reactivity.hasData ? reactivity.value : null,
      teamwork: teamwork.hasData ? teamwork.value : null,
      rubric: rubric.value,
    },
    due,
    handedIn,
    reasons,
  };
}
