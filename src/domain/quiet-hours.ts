import { DateTime } from 'luxon';

/** Local hours during which non-urgent messages wait, e.g. { from: "21:00", to: "07:00" }. */
export interface QuietHours {
  from: string;
  to: string;
}

function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/**
 * The first instant at or after `instant` that is outside the quiet hours in `timeZone`: a
 * message due at 22:30 in Antananarivo with quiet hours 21:00–07:00 goes at 07:00 the next
 * morning there. Quiet hours may span midnight (21:00–07:00) or not (12:00–14:00).
 */
export function outsideQuietHours(instant: Date, quietHours: QuietHours | null, timeZone: string): Date {
  if (!quietHours) return instant;
  const from = minutesOf(quietHours.from);
  const to = minutesOf(quietHours.to);
  if (from === to) return instant;
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  const minute = local.hour * 60 + local.minute;
  const spansMidnight = from > to;
  const quiet = spansMidnight ? minute >= from || minute < to : minute >= from && minute < to;
  if (!quiet) return instant;
  const day = spansMidnight && minute >= from ? local.plus({ days: 1 }) : local;
  return day.set({ hour: Math.floor(to / 60), minute: to % 60, second: 0, millisecond: 0 }).toJSDate();
}
