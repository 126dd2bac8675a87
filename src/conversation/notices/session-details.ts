import { DateTime } from 'luxon';
import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { SessionKind } from '../../domain/sessions/session-definition.ts';
import type { Speaker } from '../speaker.ts';

/** A session as one invited person sees it: the session and their own venue. */
export interface SessionDetails {
  invitationId: string;
  session: {
    id: string;
    key: string;
    kind: SessionKind;
    title: LocalizedText;
    description: LocalizedText;
    rsvp: boolean;
  };
  venue: {
    id: string;
    key: string;
    /** The hub's name; null online. */
    hubName: LocalizedText | null;
    place: LocalizedText | null;
    address: string | null;
    url: string | null;
    timeZone: string;
    startsAt: Date;
    endsAt: Date;
  };
}

/**
 * The lines that say what, when and where, in the person's language and local time, with the
 * venue's own hour when it differs ("mardi 6 avril 2027, 12:00–14:00 (14:00 à Paris)"):
 *
 *   Sécurité des données
 *   Avec une experte invitée.
 *   Quand : mardi 6 avril 2027, 12:00–14:00 (14:00–16:00 heure de Paris)
 *   Lien : https://…
 */
export function sessionDetailsText(details: SessionDetails, recipient: { timeZone: string }, speaker: Speaker): string {
  const { t, pick, language } = speaker;
  const { session, venue } = details;
  const lines = [pick(session.title)];
  const description = pick(session.description).trim();
  if (description) lines.push(description);
  lines.push(
    t('sessions:details.when', { when: localSpan(venue.startsAt, venue.endsAt, recipient.timeZone, language) }),
  );
  if (sameClock(venue, recipient.timeZone) === false) {
    lines[lines.length - 1] += ` ${t('sessions:details.venue_time', {
      time: `${clock(venue.startsAt, venue.timeZone)}–${clock(venue.endsAt, venue.timeZone)}`,
      place: venue.hubName ? pick(venue.hubName) : zoneCity(venue.timeZone),
    })}`;
  }
  const place = [venue.place ? pick(venue.place) : null, venue.address].filter(Boolean).join(', ');
  if (place) lines.push(t('sessions:details.where', { place }));
  if (venue.url) lines.push(t('sessions:details.link', { url: venue.url }));
  return lines.join('\n');
}

/** "lundi 8 mars 2027, 09:00–12:00" in the zone given; the end's day is named when it differs. */
export function localSpan(startsAt: Date, endsAt: Date, timeZone: string, language: 'fr' | 'en'): string {
  const start = formatLocalDateTime(startsAt, timeZone, language);
  const sameDay =
    DateTime.fromJSDate(startsAt, { zone: timeZone }).toISODate() ===
    DateTime.fromJSDate(endsAt, { zone: timeZone }).toISODate();
  return `${start}–${sameDay ? clock(endsAt, timeZone) : formatLocalDateTime(endsAt, timeZone, language)}`;
}

function clock(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat('HH:mm');
}

/** Whether the venue's clock reads the same as the person's at the start (same offset then). */
function sameClock(venue: { startsAt: Date; timeZone: string }, timeZone: string): boolean {
  const at = (zone: string) => DateTime.fromJSDate(venue.startsAt, { zone }).offset;
  return at(venue.timeZone) === at(timeZone);
}

/** "Europe/Paris" → "Paris": how an online session's zone is named to people elsewhere. */
function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replaceAll('_', ' ');
}
