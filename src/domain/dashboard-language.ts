import { isLanguage, SUPPORTED_LANGUAGES, type Language } from './programme/language.ts';

/**
 * The language a person reads the dashboard in: the one they chose on its pages, else the one
 * they speak with Compagnon in chat, else the installation's default.
 */
export function dashboardLanguage(person: PersonLocales, installationDefault: Language): Language {
  return ownDashboardLanguage(person) ?? installationDefault;
}

/** A person's language choices: the dashboard's (`Person.dashboardLocale`) and the chat's (`Person.locale`). */
export interface PersonLocales {
  dashboardLocale: string | null;
  locale: string | null;
}

/** The language the person chose, on the dashboard or else in chat; null when they chose none. */
export function ownDashboardLanguage(person: PersonLocales): Language | null {
  if (isLanguage(person.dashboardLocale)) return person.dashboardLocale;
  if (isLanguage(person.locale)) return person.locale;
  return null;
}

/** The other language of the dashboard: the one its language switch offers. */
export function otherLanguage(language: Language): Language {
  return SUPPORTED_LANGUAGES.find((candidate) => candidate !== language) ?? language;
}

/**
 * The language a browser asks for first among those Compagnon speaks, from an Accept-Language
 * header (`en-GB,en;q=0.9,fr;q=0.8`), weighing each by its `q`; null when it names none of them.
 * See https://www.rfc-editor.org/rfc/rfc9110#name-accept-language.
 */
export function acceptedLanguage(header: string | undefined): Language | null {
  if (!header) return null;
  let best: { language: Language; weight: number } | null = null;
  for (const part of header.slice(0, 500).split(',')) {
    const [tag = '', ...parameters] = part.trim().split(';');
    const language = tag.trim().slice(0, 2).toLowerCase();
    if (!isLanguage(language)) continue;
    const q = parameters.map((p) => /^\s*q=([\d.]+)\s*$/i.exec(p)?.[1]).find((value) => value !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    if (!(weight > 0)) continue;
    if (!best || weight > best.weight) best = { language, weight };
  }
  return best?.language ?? null;
}
