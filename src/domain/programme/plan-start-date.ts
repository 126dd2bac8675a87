import { DateTime } from 'luxon';

/** A day written YYYY-MM-DD that exists on the calendar, as given; null for anything else. */
export function planStartDate(text: string): string | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text).isValid ? text : null;
}
