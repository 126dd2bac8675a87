import type { Language } from '../../domain/programme/language.ts';
import { localSpan } from '../../conversation/notices/session-details.ts';
import type { AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';

interface Venue {
  hubName: unknown;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
}

/** The venue's name on the dashboard: its hub's, or "En ligne". */
export function venueName(venue: { hubName: unknown }, language: Language, t: AdminTranslate): string {
  return venue.hubName === null ? t('dashboard-sessions:list.online') : localizedText(venue.hubName, language);
}

/** "mardi 9 mars 2027, 09:00–12:00 (heure d'Abidjan)": the venue's own hour, as it is shown in the room. */
export function venueLocalTime(venue: Venue, language: Language, t: AdminTranslate): string {
  return t('dashboard-sessions:detail.local_time', {
    when: localSpan(venue.startsAt, venue.endsAt, venue.timeZone, language),
    place: venue.hubName === null ? zoneCity(venue.timeZone) : localizedText(venue.hubName, language),
  });
}

/**
 * A session's dates for the list, one line per local hour: the five workshops held at 09:00 in
 * each city read "mardi 9 mars 2027, 09:00–12:00 — Abidjan, Ouagadougou, …"; an online session
 * "… — En ligne, heure de Paris".
 */
export function sessionDates(venues: readonly Venue[], language: Language, t: AdminTranslate): string[] {
  const places = new Map<string, string[]>();
  for (const venue of venues) {
    const span = localSpan(venue.startsAt, venue.endsAt, venue.timeZone, language);
    const place =
      venue.hubName === null
        ? t('dashboard-sessions:list.online_zone', { place: zoneCity(venue.timeZone) })
        : localizedText(venue.hubName, language);
    places.set(span, [...(places.get(span) ?? []), place]);
  }
  return [...places].map(([when, names]) => t('dashboard-sessions:list.when', { when, places: names.join(', ') }));
}

/** "Europe/Paris" → "Paris": how an online session's zone is named. */
function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replaceAll('_', ' ');
}
