/** A person's own country and time zone: the one rule for both (see domain/person-time-zone.ts). */
export interface CountryStore {
  /** Sets the country the person lives in (ISO 3166-1 alpha-2) and the time zone they live by. */
  setCountry: (personId: string, country: string, timeZone: string) => Promise<void>;
  /** The country the person gave, with their own zone; nulls when not given yet. */
  ownCountry: (personId: string) => Promise<{ country: string | null; timeZone: string | null }>;
}
