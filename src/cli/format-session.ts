import { DateTime } from 'luxon';
import type { Language } from '../domain/programme/language.ts';
import type { SessionSummary } from '../store/sessions/list-sessions.ts';

/** The session's title in its programme's first language, else in any. */
export function sessionTitle(session: Pick<SessionSummary, 'title' | 'defaultLanguage' | 'key'>): string {
  return session.title[session.defaultLanguage as Language] ?? Object.values(session.title)[0] ?? session.key;
}

/**
 * "scheduled, announced 2026-11-16 10:00 UTC", "scheduled, to be announced 2027-02-22 09:00 UTC",
 * "scheduled, to be announced at once (no date set)", "cancelled 2027-01-05 14:12 UTC".
 */
export function sessionStatus(
  session: Pick<SessionSummary, 'status' | 'announceAt' | 'announcedAt' | 'cancelledAt'>,
): string {
  if (session.status === 'cancelled')
    return session.cancelledAt ? `cancelled ${utc(session.cancelledAt)}` : 'cancelled';
  if (session.announcedAt) return `scheduled, announced ${utc(session.announcedAt)}`;
  if (session.announceAt) return `scheduled, to be announced ${utc(session.announceAt)}`;
  return 'scheduled, to be announced at once (no date set)';
}

/** "abidjan 2027-03-08 09:00 Africa/Abidjan": a venue's start in its own local time. */
export function venueStart(venue: { key: string; timeZone: string; startsAt: Date }): string {
  const local = DateTime.fromJSDate(venue.startsAt, { zone: venue.timeZone }).toFormat('yyyy-LL-dd HH:mm');
  return `${venue.key} ${local} ${venue.timeZone}`;
}

/** "2026-11-16 10:00 UTC" */
export function utc(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
