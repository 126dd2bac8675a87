/** A person's own country and time zone (built in issue 17, country-zone). */
export type CountryStore = Record<never, never>;
