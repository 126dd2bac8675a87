import type { Language } from './programme/language.ts';
import { foldText } from './fold-text.ts';

/** A country a person may live in, with the IANA time zones people there live by. */
export interface Country {
  /** ISO 3166-1 alpha-2. */
  code: string;
  name: Record<Language, string>;
  /** Shorter name for a button (WhatsApp list rows hold 24 characters), when the name is long. */
  short?: Record<Language, string>;
  /** Other names people type ("RDC", "Congo-Kinshasa"). */
  aliases?: string[];
  /** The first is the capital's; a country with several asks which. */
  zones: string[];
  /** How each zone is shown on a button, when the city alone would not tell people which is theirs. */
  zoneLabels?: Record<string, Record<Language, string>>;
}

/**
 * The programme's 14 countries first, then France and the other francophone or neighbouring
 * countries people may live in. Anyone elsewhere is rare enough to be handled by the team.
 */
export const COUNTRIES: readonly Country[] = [
  { code: 'BJ', name: { fr: 'Bénin', en: 'Benin' }, zones: ['Africa/Porto-Novo'] },
  { code: 'BF', name: { fr: 'Burkina Faso', en: 'Burkina Faso' }, aliases: ['Burkina'], zones: ['Africa/Ouagadougou'] },
  { code: 'CM', name: { fr: 'Cameroun', en: 'Cameroon' }, zones: ['Africa/Douala'] },
  {
    code: 'CI',
    name: { fr: "Côte d'Ivoire", en: "Côte d'Ivoire" },
    aliases: ['Ivory Coast', 'Cote Ivoire', 'RCI'],
    zones: ['Africa/Abidjan'],
  },
  {
    code: 'GN',
    name: { fr: 'Guinée', en: 'Guinea' },
    aliases: ['Guinée-Conakry', 'Guinea-Conakry'],
    zones: ['Africa/Conakry'],
  },
  { code: 'MG', name: { fr: 'Madagascar', en: 'Madagascar' }, zones: ['Indian/Antananarivo'] },
  { code: 'ML', name: { fr: 'Mali', en: 'Mali' }, zones: ['Africa/Bamako'] },
  { code: 'NE', name: { fr: 'Niger', en: 'Niger' }, zones: ['Africa/Niamey'] },
  {
    code: 'CG',
    name: { fr: 'République du Congo', en: 'Republic of the Congo' },
    short: { fr: 'Congo-Brazzaville', en: 'Congo-Brazzaville' },
    aliases: ['Congo Brazza'],
    zones: ['Africa/Brazzaville'],
  },
  {
    code: 'CD',
    name: { fr: 'République démocratique du Congo', en: 'Democratic Republic of the Congo' },
    short: { fr: 'RD Congo', en: 'DR Congo' },
    aliases: ['RDC', 'DRC', 'RD Congo', 'DR Congo', 'Congo-Kinshasa', 'Zaïre'],
    zones: ['Africa/Kinshasa', 'Africa/Lubumbashi'],
    zoneLabels: {
      'Africa/Kinshasa': { fr: 'Ouest · Kinshasa', en: 'West · Kinshasa' },
      'Africa/Lubumbashi': { fr: 'Est · Bukavu, Goma', en: 'East · Bukavu, Goma' },
    },
  },
  { code: 'SN', name: { fr: 'Sénégal', en: 'Senegal' }, zones: ['Africa/Dakar'] },
  { code: 'TD', name: { fr: 'Tchad', en: 'Chad' }, zones: ['Africa/Ndjamena'] },
  { code: 'TG', name: { fr: 'Togo', en: 'Togo' }, zones: ['Africa/Lome'] },
  { code: 'TN', name: { fr: 'Tunisie', en: 'Tunisia' }, zones: ['Africa/Tunis'] },
  { code: 'FR', name: { fr: 'France', en: 'France' }, zones: ['Europe/Paris'] },
  { code: 'BE', name: { fr: 'Belgique', en: 'Belgium' }, zones: ['Europe/Brussels'] },
  { code: 'CH', name: { fr: 'Suisse', en: 'Switzerland' }, zones: ['Europe/Zurich'] },
  { code: 'DZ', name: { fr: 'Algérie', en: 'Algeria' }, zones: ['Africa/Algiers'] },
  { code: 'MA', name: { fr: 'Maroc', en: 'Morocco' }, zones: ['Africa/Casablanca'] },
  { code: 'LY', name: { fr: 'Libye', en: 'Libya' }, zones: ['Africa/Tripoli'] },
  { code: 'MR', name: { fr: 'Mauritanie', en: 'Mauritania' }, zones: ['Africa/Nouakchott'] },
  { code: 'GA', name: { fr: 'Gabon', en: 'Gabon' }, zones: ['Africa/Libreville'] },
  {
    code: 'CF',
    name: { fr: 'République centrafricaine', en: 'Central African Republic' },
    short: { fr: 'Centrafrique', en: 'Central African Rep.' },
    aliases: ['Centrafrique', 'RCA', 'CAR'],
    zones: ['Africa/Bangui'],
  },
  {
    code: 'GQ',
    name: { fr: 'Guinée équatoriale', en: 'Equatorial Guinea' },
    zones: ['Africa/Malabo'],
  },
  { code: 'GW', name: { fr: 'Guinée-Bissau', en: 'Guinea-Bissau' }, zones: ['Africa/Bissau'] },
  { code: 'RW', name: { fr: 'Rwanda', en: 'Rwanda' }, zones: ['Africa/Kigali'] },
  { code: 'BI', name: { fr: 'Burundi', en: 'Burundi' }, zones: ['Africa/Bujumbura'] },
  { code: 'DJ', name: { fr: 'Djibouti', en: 'Djibouti' }, zones: ['Africa/Djibouti'] },
  { code: 'KM', name: { fr: 'Comores', en: 'Comoros' }, zones: ['Indian/Comoro'] },
  { code: 'MU', name: { fr: 'Maurice', en: 'Mauritius' }, aliases: ['Île Maurice'], zones: ['Indian/Mauritius'] },
  { code: 'CV', name: { fr: 'Cap-Vert', en: 'Cape Verde' }, aliases: ['Cabo Verde'], zones: ['Atlantic/Cape_Verde'] },
  { code: 'GH', name: { fr: 'Ghana', en: 'Ghana' }, zones: ['Africa/Accra'] },
  { code: 'NG', name: { fr: 'Nigeria', en: 'Nigeria' }, aliases: ['Nigéria'], zones: ['Africa/Lagos'] },
  { code: 'GM', name: { fr: 'Gambie', en: 'Gambia' }, zones: ['Africa/Banjul'] },
  { code: 'LR', name: { fr: 'Liberia', en: 'Liberia' }, zones: ['Africa/Monrovia'] },
  { code: 'SL', name: { fr: 'Sierra Leone', en: 'Sierra Leone' }, zones: ['Africa/Freetown'] },
  {
    code: 'CA',
    name: { fr: 'Canada', en: 'Canada' },
    zones: ['America/Toronto', 'America/Halifax', 'America/Winnipeg', 'America/Edmonton', 'America/Vancouver'],
  },
];

const BY_CODE = new Map(COUNTRIES.map((country) => [country.code, country]));

export function countryByCode(code: string | null | undefined): Country | undefined {
  return code ? BY_CODE.get(code.toUpperCase()) : undefined;
}

/** The country's name in the language, or its code when it is not in the list. */
export function countryName(code: string, language: Language): string {
  return countryByCode(code)?.name[language] ?? code;
}

/** A short name for a button. */
export function countryLabel(code: string, language: Language): string {
  const country = countryByCode(code);
  return country?.short?.[language] ?? country?.name[language] ?? code;
}

/** How a zone of the country is shown: its label, else the city it is named after. */
export function zoneLabel(country: Country, zone: string, language: Language): string {
  return country.zoneLabels?.[zone]?.[language] ?? (zone.split('/').at(-1) ?? zone).replace(/_/g, ' ');
}

/** Shortest typed text searched for inside names; a single letter would match nearly everything. */
const MIN_SEARCH_LENGTH = 2;

/**
 * The countries a person means by what they typed, without case or accents, in either language or
 * by code: the countries named exactly that or with that word in their name ("Congo": both Congos),
 * else those with a word starting so ("burk"), else those whose name holds it. Empty when none.
 */
export function findCountries(typed: string, language: Language): Country[] {
  const wanted = foldText(typed);
  if (wanted.length < MIN_SEARCH_LENGTH) return [];
  const names = (country: Country) =>
    [...Object.values(country.name), ...Object.values(country.short ?? {}), ...(country.aliases ?? [])].map(foldText);
  const byName = (a: Country, b: Country) => a.name[language].localeCompare(b.name[language], language);
  const tiers: ((country: Country) => boolean)[] = [
    (c) => c.code.toLowerCase() === wanted || names(c).some((n) => n === wanted || n.split(' ').includes(wanted)),
    (c) => names(c).some((n) => n.split(' ').some((word) => word.startsWith(wanted))),
    (c) => names(c).some((n) => n.replaceAll(' ', '').includes(wanted.replaceAll(' ', ''))),
  ];
  for (const matches of tiers) {
    const found = COUNTRIES.filter(matches);
    if (found.length > 0) return exactFirst(found, wanted, names).sort(byName);
  }
  return [];
}

/**
 * A country named exactly what was typed ("Guinée") wins over those merely holding the word
 * ("Guinée-Bissau"); a word two names share and neither is named ("Congo") offers both.
 */
function exactFirst(found: Country[], wanted: string, names: (country: Country) => string[]): Country[] {
  const exact = found.filter((c) => c.code.toLowerCase() === wanted || names(c).includes(wanted));
  return exact.length === 1 ? exact : found;
}
