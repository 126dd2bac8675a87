import { DateTime } from 'luxon';
import type { Language } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import { speakerForRecipient } from '../speaker.ts';
import { sessionDetailsText, type SessionDetails } from './session-details.ts';

/** What the outbox calls a trainer's day-before list of who is coming. */
export const SESSION_ROSTER_PURPOSE = 'session_roster';

/**
 * The list a trainer reads the day before (or the same day, for a session announced late) a session at their hub, in their language and the
 * venue's local time: the session, who said yes and who said maybe (the waiting list apart), the
 * attendance code, and that the roll call is on the dashboard.
 */
export function sessionRosterText(
  roster: {
    details: SessionDetails;
    attendanceCode: string;
    yes: (string | null)[];
    maybe: (string | null)[];
    waiting: (string | null)[];
  },
  recipient: { locale: string | null },
  programme: { defaultLocale: string | null } | null,
  deps: { translate: Translate; defaultLanguage: Language },
  now: Date,
): string {
  const speaker = speakerForRecipient(recipient, programme, deps);
  const { t, pick } = speaker;
  const { venue } = roster.details;
  const names = (list: (string | null)[]) => list.map((name) => name ?? t('helpdesk:unnamed')).join(', ');
  const line = (key: string, list: (string | null)[]) =>
    t(`session-roster:${key}`, { n: list.length, names: list.length > 0 ? names(list) : '—' });
  const lines = [
    t(`session-roster:heading_${sameLocalDay(now, venue.startsAt, venue.timeZone) ? 'today' : 'tomorrow'}`, {
      hub: venue.hubName ? pick(venue.hubName) : '',
    }),
    '',
    // The venue's own clock: the trainer is there, whatever zone they live in.
    sessionDetailsText(roster.details, { timeZone: venue.timeZone }, speaker),
    '',
  ];
  if (roster.yes.length + roster.maybe.length + roster.waiting.length === 0) {
    lines.push(t('session-roster:nobody_yet'));
  } else {
    lines.push(line('yes', roster.yes), line('maybe', roster.maybe));
    if (roster.waiting.length > 0) lines.push(line('waiting', roster.waiting));
  }
  lines.push('', t('session-roster:code', { code: roster.attendanceCode }), t('session-roster:roll_call'));
  return lines.join('\n');
}

/** Whether two instants fall on the same day in a zone: a session announced late is today's. */
function sameLocalDay(a: Date, b: Date, timeZone: string): boolean {
  return (
    DateTime.fromJSDate(a, { zone: timeZone }).toISODate() === DateTime.fromJSDate(b, { zone: timeZone }).toISODate()
  );
}
