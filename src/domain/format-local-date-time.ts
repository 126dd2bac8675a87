import { DateTime } from 'luxon';
import type { Language } from './programme/language.ts';

/**
 * An instant as a person reads it in their own zone: "lundi 25 janvier 2027, 09:00",
 * "Monday 25 January 2027, 09:00". 24-hour clock in both languages, because the programme's
 * English readers are in francophone countries; French writes the first of the month "1er".
 * Throws a RangeError for a time zone luxon does not know (programme files are checked on import).
 */
export function formatLocalDateTime(instant: Date, timeZone: string, language: Language): string {
  const local = DateTime.fromJSDate(instant, { zone: timeZone }).setLocale(language);
  if (!local.isValid) throw new RangeError(`cannot show ${instant.toISOString()} in time zone "${timeZone}"`);
  const day = language === 'fr' && local.day === 1 ? "1'er'" : 'd';
  return local.toFormat(`cccc ${day} LLLL yyyy, HH:mm`);
}
