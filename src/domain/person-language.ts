import { isLanguage, type Language } from './programme/language.ts';

/**
 * The language a person is written to in: their own if they chose one Compagnon speaks, else
 * their programme's first language, else the installation's default (`DEFAULT_LOCALE`).
 */
export function personLanguage(
  person: { locale: string | null },
  programme: { defaultLocale: string | null } | null | undefined,
  installationDefault: Language,
): Language {
  if (isLanguage(person.locale)) return person.locale;
  if (programme && isLanguage(programme.defaultLocale)) return programme.defaultLocale;
  return installationDefault;
}
