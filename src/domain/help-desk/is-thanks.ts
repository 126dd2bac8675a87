import { foldText } from '../fold-text.ts';

/**
 * What people write to close an exchange, folded (see foldText): a thank-you or an "ok" after the
 * team's answer is not a new question.
 */
const THANKS = new Set([
  'merci',
  'merci beaucoup',
  'merci bien',
  'merci infiniment',
  'mille mercis',
  'grand merci',
  'ok',
  'okay',
  'ok merci',
  'ok merci beaucoup',
  'd accord',
  'd accord merci',
  'dac',
  'super',
  'super merci',
  'parfait',
  'parfait merci',
  'top',
  'genial',
  'c est note',
  'c est note merci',
  'bien recu',
  'bien recu merci',
  'thanks',
  'thank you',
  'thank you very much',
  'thanks a lot',
  'many thanks',
  'thx',
  'great',
  'great thanks',
  'perfect',
  'perfect thanks',
  'noted',
  'noted thanks',
  'ok thanks',
  'ok thank you',
  'got it',
  'got it thanks',
]);

/** Longer than this, a message says something more than thanks. */
const MAX_THANKS_LENGTH = 40;

/**
 * Whether a message only thanks or acknowledges ("Merci beaucoup !", "ok 👍", "🙏"): emoji alone
 * count, and so do the words above with any punctuation, accents or emoji around them.
 */
export function isThanks(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > MAX_THANKS_LENGTH) return false;
  const folded = foldText(trimmed);
  // Nothing but emoji and punctuation: a 👍 or a 🙏.
  if (folded === '') return /\p{Extended_Pictographic}/u.test(trimmed);
  return THANKS.has(folded);
}
