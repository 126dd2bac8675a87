import type { Language, LocalizedText } from './programme/language.ts';

/**
 * A milestone's title in every language of the programme. The stored title is the one the
 * participant was given (in their language at the time); the programme file's titles are used
 * when it still has the milestone at that position under that title, so a programme changed
 * since does not lend the milestone another one's name.
 */
export function milestoneTitles(
  milestone: { position: number; title: string },
  definitions: readonly { title: LocalizedText }[] | undefined,
): LocalizedText {
  const defined = definitions?.[milestone.position - 1];
  if (!defined || !Object.values(defined.title).includes(milestone.title)) return {};
  return defined.title;
}

/** The title for a reader in `language`, else the stored one. */
export function milestoneTitleIn(milestone: { title: string; titles: LocalizedText }, language: Language): string {
  return milestone.titles[language] ?? milestone.title;
}
