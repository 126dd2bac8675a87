import { createHash } from 'node:crypto';

/**
 * Codes that attach a person's other chat (LIER / LINK): short enough to type on a phone, from
 * an alphabet without the characters people mistake for one another (0/O, 1/I/L, 5/S, 2/Z, 8/B).
 */
export const LINK_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const LINK_CODE_LENGTH = 6;
/** How long a code can be used, from the moment it is given. */
export const LINK_CODE_VALID_MS = 10 * 60_000;
/**
 * Codes typed from one chat in `LINK_ATTEMPT_WINDOW_MS`: beyond `LINK_ATTEMPTS_MAX`, the chat is
 * asked to wait. 25^6 ≈ 244 million codes, a few valid at a time: guessing one at five tries per
 * quarter of an hour would take thousands of years.
 */
export const LINK_ATTEMPTS_MAX = 5;
export const LINK_ATTEMPT_WINDOW_MS = 15 * 60_000;

/** A new code from `random` (one byte per character, e.g. crypto's randomBytes), shown as "K7P-Q3M"-like halves. */
export function newLinkCode(random: (size: number) => Uint8Array): string {
  const characters: string[] = [];
  // Rejection sampling keeps every character equally likely (256 is not a multiple of the alphabet's size).
  const limit = 256 - (256 % LINK_CODE_ALPHABET.length);
  while (characters.length < LINK_CODE_LENGTH) {
    for (const byte of random(LINK_CODE_LENGTH)) {
      if (byte < limit && characters.length < LINK_CODE_LENGTH)
        characters.push(LINK_CODE_ALPHABET[byte % LINK_CODE_ALPHABET.length]!);
    }
  }
  const half = LINK_CODE_LENGTH / 2;
  return `${characters.slice(0, half).join('')}-${characters.slice(half).join('')}`;
}

/** The code as typed ("k7p q3m", "K7PQ3M", "k7p-q3m") in the one form it is hashed in. */
export function normalizeLinkCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** What is stored of a code: its SHA-256, never the code (it is only ever in the chat that asked). */
export function linkCodeHash(code: string): string {
  return createHash('sha256')
    .update(`link:${normalizeLinkCode(code)}`)
    .digest('hex');
}
