import { DateTime } from 'luxon';

/** How a date-time input writes a local date-time: "2027-03-09T09:00". */
const LOCAL_FORMAT = "yyyy-LL-dd'T'HH:mm";

/**
 * A local date-time of a zone ("2027-03-09T09:00", as a date-time input sends it) as an instant.
 * A time the zone skips (clocks put forward that night) is refused rather than moved: a session
 * is never held at an hour nobody wrote. An hour the zone lives twice (clocks put back) is read
 * as the second of the two.
 */
export function localDateTimeInstant(
  local: string,
  timeZone: string,
): { ok: true; instant: Date } | { ok: false; reason: 'unreadable' | 'nonexistent' } {
  const written = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::00)?$/.exec(local.trim());
  if (!written) return { ok: false, reason: 'unreadable' };
  const [, year, month, day, hour, minute] = written.map(Number) as [number, number, number, number, number, number];
  const parsed = DateTime.fromObject({ year, month, day, hour, minute }, { zone: timeZone });
  if (!parsed.isValid) return { ok: false, reason: 'unreadable' };
  if (
    parsed.year !== year ||
    parsed.month !== month ||
    parsed.day !== day ||
    parsed.hour !== hour ||
    parsed.minute !== minute
  )
    return { ok: false, reason: 'nonexistent' };
  return { ok: true, instant: parsed.toJSDate() };
}

/** An instant as a date-time input shows it in a zone: "2027-03-09T09:00". */
export function localDateTimeValue(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat(LOCAL_FORMAT);
}
