import { DateTime } from 'luxon';

/** The local hour, the day before a session, at which its trainers get the list of who is coming. */
export const ROSTER_LOCAL_HOUR = 18;

/**
 * When a venue's trainers get the list of who is coming: 18:00 the day before the start, in the
 * venue's zone (so a Bukavu trainer reads it at 18:00 in Bukavu whatever the server's zone).
 */
export function sessionRosterDue(startsAt: Date, timeZone: string): Date {
  return DateTime.fromJSDate(startsAt, { zone: timeZone })
    .minus({ days: 1 })
    .set({ hour: ROSTER_LOCAL_HOUR, minute: 0, second: 0, millisecond: 0 })
    .toJSDate();
}

/**
 * Whether the list is due now: from 18:00 the day before (at once for a session announced later
 * than that), until the start; after the start it has no use and is never sent.
 */
export function sessionRosterIsDue(now: Date, startsAt: Date, timeZone: string): boolean {
  return sessionRosterDue(startsAt, timeZone) <= now && now < startsAt;
}
