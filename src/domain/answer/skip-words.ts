import { foldText } from '../fold-text.ts';

/** Words that skip an optional question, compared without case or accents. */
const SKIP_WORDS = ['skip', 'pass', 'passer', 'je passe', 'sauter'] as const;

/** Phones turn "-" into "–" or "—" as people type, and all three mean "nothing to say". */
const DASHES = ['-', '–', '—'];

export function isSkipWord(text: string): boolean {
  const trimmed = text.trim();
  return DASHES.includes(trimmed) || (SKIP_WORDS as readonly string[]).includes(foldText(trimmed));
}
