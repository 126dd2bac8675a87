import { describe, expect, it } from 'vitest';
import { isThanks } from '../../src/domain/help-desk/is-thanks.ts';

describe('a message that only thanks', () => {
  it('is recognised in French and English, with punctuation, accents and emoji', () => {
    for (const text of [
      'merci',
      'Merci beaucoup !',
      'MERCI 🙏',
      'Ok merci',
      "D'accord, merci.",
      'Bien reçu',
      '👍',
      '🙏🙏',
      'Thanks!',
      'thank you 😊',
      'Got it, thanks',
    ])
      expect(isThanks(text), text).toBe(true);
  });

  it('is not a question, even one that begins with thanks', () => {
    for (const text of [
      'merci mais la vidéo ne marche toujours pas',
      'ok mais comment je fais ?',
      'non',
      '?',
      '',
      '42',
      'thanks, but where is the link?',
    ])
      expect(isThanks(text), text).toBe(false);
  });
});
