import { countedScores, countingWeights, type CountedScores } from './counted-scores.ts';
import type { ParticipantActivity } from './participant-activity.ts';
import { rankParticipants } from './rank-participants.ts';
import { scoreParticipant, type ParticipantScores } from './score-participant.ts';
import type { ScoreReason } from './score-reason.ts';
import type { ScoreWeights } from './score-weights.ts';
import type { AttendanceScoring } from './session-attendance-score.ts';
import { weightedTotal } from './weighted-total.ts';

/** Who is scored: an identity for the ranking's tie-breaks, and what they did. */
interface CohortMember {
  personId: string;
  name: string | null;
  /** When they registered in the cohort (their enrolment): the last tie-break. */
  registeredAt: Date;
  activity: ParticipantActivity;
}

/**
 * A whole cohort scored and ranked: each participant's scores (null where missing), which scores
 * count in the totals (see countedScores: a score counts once everyone who should have it does),
 * each total weighed with the weights of the scores that count, and the ranking (rankParticipants).
 */
export function scoreCohort<T extends CohortMember>(
  members: readonly T[],
  settings: { now: Date; weights: ScoreWeights; rubricScale: number; attendance?: AttendanceScoring },
): {
  counted: CountedScores;
  participants: { member: T; scores: ParticipantScores; reasons: ScoreReason[]; rank: number }[];
} {
  const cohortHasGrades = members.some((member) => member.activity.rubricGrades.length > 0);
  const scored = members.map((member) => ({
    member,
    ...scoreParticipant(member.activity, {
      now: settings.now,
      rubricScale: settings.rubricScale,
      cohortHasGrades,
      attendance: settings.attendance,
    }),
  }));
  const counted = countedScores(scored, settings.weights);
  const weights = countingWeights(counted, settings.weights);
  const ranked = rankParticipants(
    scored.map(({ member, scores, reasons }) => ({
      member,
      personId: member.personId,
      name: member.name,
      registeredAt: member.registeredAt,
      scores: { ...scores, total: weightedTotal(scores, weights) },
      reasons,
    })),
    weights,
  );
  return {
    counted,
    participants: ranked.map(({ member, scores, reasons, rank }) => ({ member, scores, reasons, rank })),
  };
}
