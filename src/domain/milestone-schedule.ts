import { DateTime } from 'luxon';
import type { Language } from './programme/language.ts';
import { outsideQuietHours, type QuietHours } from './quiet-hours.ts';

/**
 * When the messages about an action-plan milestone go, in the participant's own zone:
 * - its date is the local date `afterMinutes` after the plan's start (see `planStartsAt`);
 * - each reminder goes at 09:00 local on the day `offset` before that date (a 3-day offset: 09:00
 *   three days before), the usual hour of releases, when people read their messages;
 * - the follow-up goes `followUpAfterMinutes` after the end of that date (local midnight), moved
 *   out of the quiet hours (with a one-day wait and quiet hours 21:00–07:00: 07:00 two days after).
 */
const MILESTONE_REMINDER_HOUR = 9;

interface MilestoneTimes {
  /** Reminder instants, earliest first. */
  reminders: Date[];
  /** Local midnight after the milestone's date: from then on the date has passed. */
  endOfDueOn: Date;
  followUpAt: Date;
}

/**
 * The instant a participant's plan counts from, in their zone: the start of the day staff chose
 * when they gave one; else the assignment, or the start of the programme's day for plans
 * (`action_plan.starts`) when that is later, so that no milestone falls before the phase it is for.
 */
export function planStartsAt(
  assignedAt: Date,
  timeZone: string,
  starts: { chosen?: string | null; programme: string | null },
): Date {
  const dayStart = (day: string) => DateTime.fromISO(day, { zone: timeZone }).startOf('day').toJSDate();
  if (starts.chosen) return dayStart(starts.chosen);
  if (!starts.programme) return assignedAt;
  const programmeStart = dayStart(starts.programme);
  return programmeStart > assignedAt ? programmeStart : assignedAt;
}

/** The local date (YYYY-MM-DD) a milestone is due, `afterMinutes` after `assignedAt` (the plan's start) in `timeZone`. */
export function milestoneDueOn(assignedAt: Date, timeZone: string, afterMinutes: number): string {
  // Whole days are calendar days, so a change to summer time does not move the date.
  const local = DateTime.fromJSDate(assignedAt, { zone: timeZone })
    .plus({ days: Math.floor(afterMinutes / 1440) })
    .plus({ minutes: afterMinutes % 1440 });
  return local.toISODate()!;
}

export function milestoneTimes(
  dueOn: string,
  timeZone: string,
  plan: { reminderOffsetsMinutes: number[]; followUpAfterMinutes: number },
  quietHours: QuietHours | null,
): MilestoneTimes {
  const day = DateTime.fromISO(dueOn, { zone: timeZone }).startOf('day');
  const endOfDueOn = day.plus({ days: 1 });
  const reminders = plan.reminderOffsetsMinutes
    .map((offset) => shiftBack(day.set({ hour: MILESTONE_REMINDER_HOUR }), offset))
    .map((at) => outsideQuietHours(at.toJSDate(), quietHours, timeZone))
    .filter((at) => at < endOfDueOn.toJSDate())
    .sort((a, b) => a.getTime() - b.getTime());
  const followUp = endOfDueOn
    .plus({ days: Math.floor(plan.followUpAfterMinutes / 1440) })
    .plus({ minutes: plan.followUpAfterMinutes % 1440 });
  return {
    reminders,
    endOfDueOn: endOfDueOn.toJSDate(),
    followUpAt: outsideQuietHours(followUp.toJSDate(), quietHours, timeZone),
  };
}

/** The next message about a milestone strictly after `after`: a reminder, else the follow-up, else none. */
export function nextMilestoneMessage(times: MilestoneTimes, after: Date): Date | null {
  const reminder = times.reminders.find((at) => at > after);
  if (reminder) return reminder;
  return times.followUpAt > after ? times.followUpAt : null;
}

/** What is due at `now` for a milestone whose message was due: a reminder before its date, the follow-up after. */
export function milestoneMessageKind(times: MilestoneTimes, now: Date): 'reminder' | 'follow_up' | 'none' {
  if (now < times.endOfDueOn) return 'reminder';
  // A reminder missed until after the date (an outage, a pause) is not sent late: the follow-up comes instead.
  return now >= times.followUpAt ? 'follow_up' : 'none';
}

/** A milestone's date as people read it: "vendredi 12 février 2027", "Friday 12 February 2027". */
export function formatDueOn(dueOn: string, language: Language): string {
  const date = DateTime.fromISO(dueOn).setLocale(language);
  const day = language === 'fr' && date.day === 1 ? "1'er'" : 'd';
  return date.toFormat(`cccc ${day} LLLL yyyy`);
}

function shiftBack(instant: DateTime, minutes: number): DateTime {
  return instant.minus({ days: Math.floor(minutes / 1440) }).minus({ minutes: minutes % 1440 });
}
