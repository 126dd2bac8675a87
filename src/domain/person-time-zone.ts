/** The zone used when neither the person, their hub nor their programme names one. */
const FALLBACK_TIME_ZONE = 'UTC';

/**
 * The time zone a person lives in, for every local hour Compagnon shows or keeps: their own if
 * they set one, else their hub's, else their programme's.
 */
export function personTimeZone(
  person: { timeZone: string | null; hub?: { timeZone: string } | null },
  programmeTimeZone: string | null | undefined,
): string {
  return person.timeZone ?? person.hub?.timeZone ?? programmeTimeZone ?? FALLBACK_TIME_ZONE;
}
