import type { Language, LocalizedText } from './programme/language.ts';
import { zoneCity } from './zone-city.ts';

/**
 * Where a group of readers are, as a person says it: "Abidjan, Ouagadougou". A reader on their
 * hub's clock is named by the hub (Bukavu, not Lubumbashi), one with a zone of their own by it.
 */
export function readerPlaces(
  places: { hubName: LocalizedText | null; timeZone: string }[],
  language: Language,
): string {
  const names = places.map(
    ({ hubName, timeZone }) => (hubName && (hubName[language] ?? Object.values(hubName)[0])) || zoneCity(timeZone),
  );
  return [...new Set(names)].join(', ');
}
