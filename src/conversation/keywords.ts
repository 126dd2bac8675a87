/**
 * Words people type instead of commands (WhatsApp and the simulator have no slash commands),
 * in every language, matched without case or accents. Telegram's /commands map to the same names.
 */
export const KEYWORDS = {
  help: ['help', 'aide', 'menu', '?'],
  language: ['language', 'langue', 'lang'],
  start: ['start', 'bonjour', 'hello', 'salut', 'hi'],
} as const;

export type Keyword = keyof typeof KEYWORDS;

/** The command a text or a /command stands for, if any: "Aide" → help, "/langue" → language. */
export function matchKeyword(text: string): Keyword | null {
  const word = normalize(text).replace(/^\//, '');
  for (const [keyword, words] of Object.entries(KEYWORDS) as [Keyword, readonly string[]][]) {
    if (words.includes(word)) return keyword;
  }
  return null;
}

function normalize(text: string): string {
  return text.trim().toLowerCase().normalize('NFD').replace(/\p{Diacritic}/gu, '');
}
