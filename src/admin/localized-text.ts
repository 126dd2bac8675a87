import type { Language, LocalizedText } from '../domain/programme/language.ts';

/**
 * A programme text (stored as `{ "fr": "…", "en": "…" }`) in the viewer's language, else in the
 * first language it is written in; empty when there is none.
 */
export function localizedText(value: unknown, language: Language): string {
  if (value === null || typeof value !== 'object') return typeof value === 'string' ? value : '';
  const texts = value as LocalizedText;
  return texts[language] ?? Object.values(texts).find((text) => typeof text === 'string') ?? '';
}
