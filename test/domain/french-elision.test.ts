import { describe, expect, it } from 'vitest';
import { de } from '../../src/domain/french-elision.ts';
import { createTranslate } from '../../src/i18n.ts';

describe('"de" before a name in French', () => {
  it('elides before a vowel or a mute h, and not before a consonant', () => {
    expect(de('Awa Koné')).toBe("d'Awa Koné");
    expect(de('Émile')).toBe("d'Émile");
    expect(de('Hélène')).toBe("d'Hélène");
    expect(de('Yves')).toBe("d'Yves");
    expect(de('Yasmine')).toBe('de Yasmine');
    expect(de('Koffi')).toBe('de Koffi');
  });

  it('is used where a message is said to come from someone', () => {
    const translate = createTranslate({ defaultLanguage: 'fr' });
    expect(translate('fr', 'mentor:forwarded', { name: 'Awa Koné', message: 'Bonjour' })).toBe(
      "Message d'Awa Koné :\n« Bonjour »",
    );
    expect(translate('fr', 'mentor:forwarded', { name: 'Koffi', message: 'Bonjour' })).toBe(
      'Message de Koffi :\n« Bonjour »',
    );
    expect(translate('en', 'mentor:forwarded', { name: 'Awa Koné', message: 'Hello' })).toBe(
      'Message from Awa Koné:\n"Hello"',
    );
  });
});
