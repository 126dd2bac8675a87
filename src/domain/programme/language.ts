/** The languages Compagnon has interface strings for (locales/). */
export const SUPPORTED_LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<Language, string> = { fr: 'French', en: 'English' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/** A text written once per language of the programme. */
export type LocalizedText = Partial<Record<Language, string>>;
