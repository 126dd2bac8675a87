/**
 * When an answer counts, judged by when the person sent it (the platform's timestamp of their
 * message), not by when it reached us: someone back from days without network gets the
 * timing of the moment they pressed send.
 *
 * Grace and closing are elapsed minutes after the deadline, not local clock times, so a
 * daylight-saving change in the person's zone neither lengthens nor shortens them.
 *
 * With a deadline on Sunday 23:59, a 12-hour grace and a 7-day close:
 *   sent Sunday 23:59         → on-time (the deadline itself is on time)
 *   sent Monday 11:59         → on-time (within the grace)
 *   sent Monday 12:00         → late
 *   sent the next Sunday 23:59 → late (the last instant answers are taken)
 *   sent the next Monday 00:00 → closed
 */

type AnswerTiming = 'on-time' | 'late' | 'closed';

interface AnswerTimeInput {
  /** The platform's timestamp of the person's message. */
  sentAt: Date;
  deadlineAt: Date;
  graceMinutes: number;
  closesAfterMinutes: number;
}

const MINUTE_MS = 60_000;

/** The last instant an exercise takes answers (late ones included). */
export function answersCloseAt(deadlineAt: Date, closesAfterMinutes: number): Date {
  return new Date(deadlineAt.getTime() + closesAfterMinutes * MINUTE_MS);
}

/**
 * Whether an answer sent at `sentAt` is on time, late, or too late to record. The grace is
 * checked first, so a closing shorter than the grace never refuses an answer within the grace.
 */
export function classifyAnswerTime({
  sentAt,
  deadlineAt,
  graceMinutes,
  closesAfterMinutes,
}: AnswerTimeInput): AnswerTiming {
  const sent = sentAt.getTime();
  if (sent <= deadlineAt.getTime() + graceMinutes * MINUTE_MS) return 'on-time';
  if (sent > answersCloseAt(deadlineAt, closesAfterMinutes).getTime()) return 'closed';
  return 'late';
}

/** Whether an exercise takes answers at `now`: from its release to its closing, both included. */
export function exerciseIsOpen(now: Date, releaseAt: Date, deadlineAt: Date, closesAfterMinutes: number): boolean {
  const time = now.getTime();
  return time >= releaseAt.getTime() && time <= answersCloseAt(deadlineAt, closesAfterMinutes).getTime();
}

/**
 * When an exercise closes for good: the end of its grace or of its late period, whichever is later
 * (answers within the grace are on time even when `closes_after` is shorter).
 */
export function exerciseClosesAt(deadlineAt: Date, graceMinutes: number, closesAfterMinutes: number): Date {
  return answersCloseAt(deadlineAt, Math.max(graceMinutes, closesAfterMinutes));
}
