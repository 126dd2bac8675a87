import { DateTime } from 'luxon';
import { outsideQuietHours, type QuietHours } from '../quiet-hours.ts';

/**
 * When a session reminder goes: out of the person's quiet hours, unless waiting for them would
 * bring it at or past the start (a 07:30 workshop reminded two hours before, at 05:30): then now,
 * since a reminder after the start is no reminder.
 */
export function sessionReminderInstant(
  now: Date,
  startsAt: Date,
  quietHours: QuietHours | null,
  timeZone: string,
): Date {
  const later = outsideQuietHours(now, quietHours, timeZone);
  return later.getTime() >= startsAt.getTime() ? now : later;
}

/**
 * How long until a session starts, as a person would say it, read at `at` in their zone: "in 45
 * minutes", "in 2 hours", "today at 14:00", "tomorrow at 09:00", "in 3 days".
 */
export type TimeUntilStart =
  { kind: 'minutes' | 'hours' | 'days'; count: number } | { kind: 'today' | 'tomorrow'; time: string };

const HOUR_MS = 3_600_000;

export function timeUntilStart(at: Date, startsAt: Date, timeZone: string): TimeUntilStart {
  const ms = Math.max(0, startsAt.getTime() - at.getTime());
  const hours = Math.round(ms / HOUR_MS);
  // A whole number of hours, give or take five minutes, is said in hours ("dans 1 heure"); under
  // an hour and a half, minutes by fives ("dans 45 minutes"); then hours, up to six.
  if (hours >= 1 && ms < 6 * HOUR_MS && Math.abs(ms - hours * HOUR_MS) <= 5 * 60_000)
    return { kind: 'hours', count: hours };
  if (ms < 1.5 * HOUR_MS) return { kind: 'minutes', count: Math.max(5, Math.round(ms / 300_000) * 5) };
  if (ms < 6 * HOUR_MS) return { kind: 'hours', count: hours };
  const start = DateTime.fromJSDate(startsAt, { zone: timeZone });
  const today = DateTime.fromJSDate(at, { zone: timeZone }).startOf('day');
  const days = Math.round(start.startOf('day').diff(today, 'days').days);
  const time = start.toFormat('HH:mm');
  if (days === 0) return { kind: 'today', time };
  if (days === 1) return { kind: 'tomorrow', time };
  return { kind: 'days', count: days };
}
