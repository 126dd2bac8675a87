import { DateTime } from 'luxon';
import { parseDuration } from '../duration.ts';
import type { AnnounceRule } from '../sessions/session-definition.ts';

/**
 * Date-times as a programme file writes a session's hours: "2027-03-08 09:00" (or
 * "2027-03-08T09:00"), the wall-clock time of a place, turned into an instant with its zone.
 */

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})$/;

/** "2027-03-08T09:00" for a local date-time written either way, or null when it is not one (or no such day). */
export function parseLocalDateTime(text: string): string | null {
  const match = LOCAL_DATE_TIME.exec(text.trim());
  if (!match) return null;
  const local = `${match[1]}T${match[2]}`;
  return DateTime.fromISO(local, { zone: 'UTC' }).isValid ? local : null;
}

/**
 * The instant a local date-time ("2027-03-08T09:00") stands for in `zone`, or null when that hour
 * does not exist there (skipped when the clocks go forward). An hour that happens twice (when they
 * go back) is its second occurrence, after the change (02:30 in Paris on 31 October 2027 is 01:30
 * UTC), as the dashboard's form reads it too.
 */
export function localDateTimeInstant(local: string, zone: string): Date | null {
  const instant = DateTime.fromISO(local, { zone });
  if (!instant.isValid || instant.toFormat("yyyy-MM-dd'T'HH:mm") !== local) return null;
  return instant.toJSDate();
}

/** Whether `text` is an instant with its offset: "2027-02-22T09:00+01:00", "2027-02-22 08:00Z". */
function instantWithOffset(text: string): Date | null {
  const trimmed = text.trim();
  if (!WITH_OFFSET.test(trimmed)) return null;
  const instant = DateTime.fromISO(trimmed.replace(' ', 'T'), { setZone: true });
  return instant.isValid ? instant.toJSDate() : null;
}

/** Whether `text` can be a session's `announce`, whatever the zone: a duration, a local date-time or an instant. */
export function isAnnounceText(text: string): boolean {
  return parseDuration(text) !== null || parseLocalDateTime(text) !== null || instantWithOffset(text) !== null;
}

/**
 * A session's `announce` as a rule: a duration before the start ("2w"), an instant with its offset,
 * or a local date-time of `zone` (the programme's). An error when the local hour does not exist.
 */
export function readAnnounce(
  text: string,
  zone: string,
): { ok: true; rule: NonNullable<AnnounceRule> } | { ok: false; error: string } {
  const minutes = parseDuration(text);
  if (minutes !== null) return { ok: true, rule: { beforeMinutes: minutes } };
  const at = instantWithOffset(text);
  if (at !== null) return { ok: true, rule: { at } };
  const local = parseLocalDateTime(text);
  if (local === null) return { ok: false, error: announceFormatError };
  const instant = localDateTimeInstant(local, zone);
  return instant === null ? { ok: false, error: missingHourError(local, zone) } : { ok: true, rule: { at: instant } };
}

export const announceFormatError =
  'must be a duration before the start (such as 2w or 3d), a local date and time (2027-02-22 09:00) or an instant with its offset (2027-02-22T09:00+01:00)';

/** Why a local hour is refused: it falls in the hour skipped when the clocks go forward. */
export function missingHourError(local: string, zone: string): string {
  return `${local.replace('T', ' ')} does not exist in ${zone}: the clocks go forward that night and skip this hour; write another hour`;
}
