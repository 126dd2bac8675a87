import type { ExerciseActivity, MentorSignal, ParticipantActivity } from '../../domain/scores/participant-activity.ts';
import type { AttendanceScoring, SessionActivity } from '../../domain/scores/session-attendance-score.ts';
import type { CountedScores } from '../../domain/scores/counted-scores.ts';
import { scoreCohort } from '../../domain/scores/score-cohort.ts';
import type { ParticipantScores } from '../../domain/scores/score-participant.ts';
import type { ScoreReason } from '../../domain/scores/score-reason.ts';
import type { ScoreWeights } from '../../domain/scores/score-weights.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import type { SelectionNoticeTexts } from '../../domain/programme/programme-definition.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import type { EnrolmentStatus } from '../generated/enums.ts';

export type { CountedScores } from '../../domain/scores/counted-scores.ts';
export type { ScoreReason } from '../../domain/scores/score-reason.ts';
export type { ScoreWeights } from '../../domain/scores/score-weights.ts';

/** A cohort's participants in selection order, with the programme's weights and rubric scale. */
export interface CohortRanking {
  weights: ScoreWeights;
  rubricScale: number;
  /** How sessions count in motivation (`scores.attendance`; weight 0: they do not). */
  attendance: AttendanceScoring;
  /** Which scores count in the totals, and how many participants have each (see countedScores). */
  counted: CountedScores | null;
  /** What the selection notices are worded with (see selectionNotice). */
  programme: { name: LocalizedText; defaultLocale: string | null; selectionNotices: SelectionNoticeTexts };
  participants: RankedParticipant[];
}

export interface RankedParticipant {
  /** 1 for the first; no two participants share a position (see rankParticipants for the tie-breaks). */
  rank: number;
  personId: string;
  enrolmentId: string;
  name: string | null;
  status: EnrolmentStatus;
  /** Each from 0 to 1; null where there is nothing to judge (no grade, nothing due), the total too when no score counts. */
  scores: ParticipantScores;
  reasons: ScoreReason[];
}

/** Participants who left (STOP) are not ranked; selection decisions already taken stay visible. */
const RANKED_STATUSES: EnrolmentStatus[] = ['active', 'paused', 'selected', 'not_selected'];

/**
 * Scores and ranks a cohort's participants (see src/domain/scores and docs/scores.md).
 *
 * Who is ranked: participant enrolments that are active, paused, selected or not selected, of
 * people who have not erased their data; those who stopped are left out. The ranking is always
 * computed over that whole cohort, so positions are the same on every page: `personIds` only
 * narrows which participants are returned (an empty list returns just the weights and scale).
 *
 * A fixed number of queries whatever the cohort's size (one per kind of row read, not one per
 * participant); answers are counted by PostgreSQL.
 */
export async function loadCohortScores(
  db: Database,
  request: { cohortId: string; now: Date; personIds?: string[] },
): Promise<CohortRanking> {
  const cohort = await db.cohort.findUnique({
    where: { id: request.cohortId },
    select: {
      programme: {
        select: {
          id: true,
          name: true,
          defaultLocale: true,
          settings: true,
          exercises: {
            select: {
              id: true,
              key: true,
              teamExercise: true,
              graceMinutes: true,
              questions: { select: { peerFeedback: true } },
            },
          },
        },
      },
    },
  });
  if (!cohort) throw new NotFoundError(`no cohort has the id "${request.cohortId}"`);
  const settings = parseProgrammeSettings(cohort.programme.settings);
  const { weights, rubricScale, attendance } = settings.scores;
  const programme = {
    name: cohort.programme.name as LocalizedText,
    defaultLocale: cohort.programme.defaultLocale,
    selectionNotices: settings.selectionNotices,
  };
  if (request.personIds?.length === 0)
    return { weights, rubricScale, attendance, counted: null, programme, participants: [] };

  const inCohort = {
    cohortId: request.cohortId,
    role: 'participant' as const,
    status: { in: RANKED_STATUSES },
    person: { erasedAt: null },
  };
  const [enrolments, submissions, answered, peerFeedbackAnswered, checkIns, grades, invitations] = await Promise.all([
    db.enrolment.findMany({
      where: inCohort,
      select: { id: true, personId: true, status: true, createdAt: true, person: { select: { displayName: true } } },
    }),
    db.submission.findMany({
      where: { enrolment: inCohort },
      select: {
        id: true,
        enrolmentId: true,
        exerciseId: true,
        status: true,
        late: true,
        releaseAt: true,
        releasedAt: true,
        deadlineAt: true,
        submittedAt: true,
      },
    }),
    db.answer.groupBy({
      by: ['submissionId'],
      where: { skipped: false, submission: { enrolment: inCohort } },
      _count: { _all: true },
    }),
    db.answer.groupBy({
      by: ['submissionId'],
      where: { skipped: false, question: { peerFeedback: true }, submission: { enrolment: inCohort } },
      _count: { _all: true },
    }),
    db.checkIn.findMany({
      where: { signal: { not: null }, assignment: { cohortId: request.cohortId } },
      select: { menteeId: true, signal: true },
    }),
    db.rubricGrade.findMany({
      where: { submission: { enrolment: inCohort } },
      select: { score: true, submission: { select: { enrolmentId: true } } },
    }),
    // Sessions are read only when the programme counts them (scores.attendance.weight above 0).
    attendance.weight > 0
      ? db.sessionInvitation.findMany({
          where: { session: { programmeId: cohort.programme.id }, person: { enrolments: { some: inCohort } } },
          select: {
            personId: true,
            rsvp: true,
            waitlistedAt: true,
            attendedAt: true,
            venue: { select: { endsAt: true } },
            session: { select: { status: true, attendanceModes: true, rsvp: true } },
          },
        })
      : [],
  ]);

  const exercises = new Map(
    cohort.programme.exercises.map((exercise) => [
      exercise.id,
      {
        key: exercise.key,
        teamExercise: exercise.teamExercise,
        graceMinutes: exercise.graceMinutes,
        questionCount: exercise.questions.length,
        peerFeedbackQuestionCount: exercise.questions.filter((question) => question.peerFeedback).length,
      },
    ]),
  );
  const answeredCount = new Map(answered.map((row) => [row.submissionId, row._count._all]));
  const peerFeedbackCount = new Map(peerFeedbackAnswered.map((row) => [row.submissionId, row._count._all]));

  const activities = new Map<
    string,
    {
      exercises: ExerciseActivity[];
      mentorSignals: MentorSignal[];
      rubricGrades: number[];
      sessions: SessionActivity[];
    }
  >(
    enrolments.map((enrolment) => [enrolment.id, { exercises: [], mentorSignals: [], rubricGrades: [], sessions: [] }]),
  );
  for (const submission of submissions) {
    const exercise = exercises.get(submission.exerciseId);
    const activity = activities.get(submission.enrolmentId);
    if (!exercise || !activity) continue;
    activity.exercises.push({
      exerciseKey: exercise.key,
      teamExercise: exercise.teamExercise,
      status: submission.status,
      late: submission.late,
      releaseAt: submission.releasedAt ?? submission.releaseAt,
      deadlineAt: submission.deadlineAt,
      graceMinutes: exercise.graceMinutes,
      submittedAt: submission.submittedAt,
      questionCount: exercise.questionCount,
      answeredCount: answeredCount.get(submission.id) ?? 0,
      peerFeedbackQuestionCount: exercise.peerFeedbackQuestionCount,
      peerFeedbackAnsweredCount: peerFeedbackCount.get(submission.id) ?? 0,
    });
  }
  const enrolmentOf = new Map(enrolments.map((enrolment) => [enrolment.personId, enrolment.id]));
  for (const checkIn of checkIns) {
    const enrolmentId = enrolmentOf.get(checkIn.menteeId);
    if (enrolmentId && checkIn.signal) activities.get(enrolmentId)?.mentorSignals.push(checkIn.signal);
  }
  for (const grade of grades) activities.get(grade.submission.enrolmentId)?.rubricGrades.push(grade.score);
  for (const invitation of invitations) {
    const enrolmentId = enrolmentOf.get(invitation.personId);
    if (!enrolmentId) continue;
    activities.get(enrolmentId)?.sessions.push({
      endsAt: invitation.venue.endsAt,
      cancelled: invitation.session.status === 'cancelled',
      attendanceTaken: invitation.session.attendanceModes.length > 0,
      rsvpAsked: invitation.session.rsvp,
      rsvp: invitation.rsvp,
      waitlisted: invitation.waitlistedAt !== null,
      attended: invitation.attendedAt !== null,
    });
  }

  const { counted, participants: ranked } = scoreCohort(
    enrolments.map((enrolment) => {
      const activity: ParticipantActivity = activities.get(enrolment.id) ?? {
        exercises: [],
        mentorSignals: [],
        rubricGrades: [],
      };
      return {
        personId: enrolment.personId,
        enrolmentId: enrolment.id,
        name: enrolment.person.displayName,
        registeredAt: enrolment.createdAt,
        status: enrolment.status,
        activity,
      };
    }),
    { now: request.now, weights, rubricScale, attendance },
  );
  const wanted = request.personIds ? new Set(request.personIds) : null;
  return {
    weights,
    rubricScale,
    attendance,
    counted,
    programme,
    participants: ranked
      .filter((participant) => wanted === null || wanted.has(participant.member.personId))
      .map(({ rank, member, scores, reasons }) => ({
        rank,
        personId: member.personId,
        enrolmentId: member.enrolmentId,
        name: member.name,
        status: member.status,
        scores,
        reasons,
      })),
  };
}
