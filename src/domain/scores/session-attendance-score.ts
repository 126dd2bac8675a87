import type { Score } from './score.ts';
import { reason } from './score-reason.ts';

/** One session a participant was invited to, as the scores read it (one SessionInvitation row). */
export interface SessionActivity {
  /** When it ended at their venue: a session counts once it has ended. */
  endsAt: Date;
  cancelled: boolean;
  /** Whether attendance is taken at all (by code or roll call): a session where it is not counts for nobody. */
  attendanceTaken: boolean;
  /** Whether people were asked if they were coming. */
  rsvpAsked: boolean;
  rsvp: 'yes' | 'maybe' | 'no' | null;
  /** Still on the venue's waiting list when it took place: never given a seat. */
  waitlisted: boolean;
  attended: boolean;
}

/**
 * How sessions count in motivation, from the programme file's `scores.attendance`: `weight` is
 * their weight next to the exercises' 1 (0: they do not count, the default), `rsvpKept` whether
 * keeping one's answer counts too.
 */
export interface AttendanceScoring {
  weight: number;
  rsvpKept: boolean;
}

/** A programme whose file says nothing: sessions do not count, scores are as before sessions existed. */
export const DEFAULT_ATTENDANCE_SCORING: AttendanceScoring = { weight: 0, rsvpKept: false };

/**
 * Sessions: does the participant come to those they are invited to (and, if the programme asks,
 * do they keep their answer)?
 *
 *   sessions = attended / counted                                  (rsvpKept false)
 *   sessions = ½ × attended / counted + ½ × kept / asked           (rsvpKept true)
 *
 * - `counted`: sessions the participant was invited to that have ended, were not cancelled and
 *   took attendance, but not those where they were left on the waiting list (never given a seat)
 *   and did not come; `attended`: those where their attendance was recorded (code or roll call).
 * - `kept`, among the counted sessions that asked for an answer (`asked`): they answered and came,
 *   or said no beforehand. Said yes or maybe and did not come, or never answered: not kept.
 *
 * Nothing counted: no data (`hasData` false), and the sessions change nothing.
 */
export function sessionAttendanceScore(sessions: readonly SessionActivity[], now: Date, rsvpKept: boolean): Score {
  const counted = sessions.filter(
    (session) =>
      !session.cancelled &&
      session.attendanceTaken &&
      session.endsAt.getTime() <= now.getTime() &&
      (session.attended || !session.waitlisted),
  );
  if (counted.length === 0) return { value: 0, hasData: false, reasons: [] };
  const attended = counted.filter((session) => session.attended).length;
  const reasons = [reason('reason.sessions_attended', { attended, counted: counted.length })];
  const asked = counted.filter((session) => session.rsvpAsked);
  if (!rsvpKept || asked.length === 0) return { value: attended / counted.length, hasData: true, reasons };
  const kept = asked.filter((session) => (session.attended ? session.rsvp !== null : session.rsvp === 'no')).length;
  reasons.push(reason('reason.rsvp_kept', { kept, asked: asked.length }));
  return { value: (attended / counted.length + kept / asked.length) / 2, hasData: true, reasons };
}

/**
 * Motivation with the sessions in it: the exercises weigh 1 and the sessions `weight`,
 *
 *   motivation = (exercises + weight × sessions) / (1 + weight)
 *
 * Sessions count only beside exercises: while no exercise is due, motivation stays missing (who
 * should have a motivation score stays "everyone with an exercise due", see countedScores), and
 * with no session counted yet it is the exercises' alone.
 */
export function withSessionAttendance(exercises: Score, sessions: Score, weight: number): Score {
  if (!exercises.hasData || !sessions.hasData || weight <= 0) return exercises;
  return {
    value: (exercises.value + weight * sessions.value) / (1 + weight),
    hasData: true,
    reasons: [...exercises.reasons, ...sessions.reasons],
  };
}
