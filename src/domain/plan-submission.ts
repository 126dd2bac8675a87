import { deadlineInstant, parseDeadlineRule, parseReleaseRule, releaseInstant } from './calendar-rule.ts';

export interface ExerciseSchedule {
  /** YYYY-MM-DD */
  phaseStartsOn: string;
  releaseRule: string;
  deadlineRule: string;
  /** Minutes before the deadline, e.g. [2880, 360]. */
  reminderOffsets: number[];
}

export interface PlannedSubmission {
  releaseAt: Date;
  deadlineAt: Date;
  nextReminderAt: Date | null;
}

/** When one participant, living in `timeZone`, gets an exercise, must hand it in, and is first reminded. */
export function planSubmission(schedule: ExerciseSchedule, timeZone: string): PlannedSubmission {
  const release = parseReleaseRule(schedule.releaseRule);
  const deadline = parseDeadlineRule(schedule.deadlineRule);
  if (!release.ok) throw new Error(release.error);
  if (!deadline.ok) throw new Error(deadline.error);
  const releaseAt = releaseInstant(schedule.phaseStartsOn, release.rule, timeZone);
  const deadlineAt = deadlineInstant(schedule.phaseStartsOn, deadline.rule, releaseAt, timeZone).toJSDate();
  return {
    releaseAt: releaseAt.toJSDate(),
    deadlineAt,
    nextReminderAt: nextReminder(deadlineAt, schedule.reminderOffsets, releaseAt.toJSDate()),
  };
}

/** The first reminder (deadline minus an offset) strictly after `after`, or null when none is left. */
export function nextReminder(deadlineAt: Date, offsetsMinutes: number[], after: Date): Date | null {
  const upcoming = offsetsMinutes
    .map((minutes) => new Date(deadlineAt.getTime() - minutes * 60_000))
    .filter((at) => at.getTime() > after.getTime() && at.getTime() < deadlineAt.getTime())
    .sort((a, b) => a.getTime() - b.getTime());
  return upcoming[0] ?? null;
}
