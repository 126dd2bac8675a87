import { describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES } from '../../src/domain/programme/language.ts';
import { createTranslate, loadLocaleResources } from '../../src/i18n.ts';

type Tree = { [key: string]: string | Tree };

/** Every string of a language, keyed `namespace:a.b.c`. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}${prefix.endsWith(':') ? '' : '.'}${key}` : `${key}:`;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [k, v] of flatten(value, path)) entries.set(k, v);
  }
  return entries;
}

function variables(text: string): string[] {
  return [...text.matchAll(/{{\s*([\w.]+)[^}]*}}/g)].map((m) => m[1] ?? '').sort();
}

describe('locales', () => {
  const resources = loadLocaleResources();
  const strings = Object.fromEntries(
    SUPPORTED_LANGUAGES.map((language) => [language, flatten(resources[language] as Tree)]),
  );

  it('has strings in every language', () => {
    for (const language of SUPPORTED_LANGUAGES) expect(strings[language]?.size, language).toBeGreaterThan(0);
  });

  it('has the same keys in every language', () => {
    const [first, ...others] = SUPPORTED_LANGUAGES;
    const reference = [...(strings[first]?.keys() ?? [])].sort();
    for (const language of others) {
      const keys = [...(strings[language]?.keys() ?? [])].sort();
      expect(
        keys.filter((k) => !reference.includes(k)),
        `keys only in ${language}`,
      ).toEqual([]);
      expect(
        reference.filter((k) => !keys.includes(k)),
        `keys missing from ${language}`,
      ).toEqual([]);
    }
  });

  it('uses the same {{variables}} in every language', () => {
    for (const [key, text] of strings.fr ?? []) {
      for (const language of SUPPORTED_LANGUAGES) {
        const other = strings[language]?.get(key);
        if (other !== undefined) expect(variables(other), `${key} in ${language}`).toEqual(variables(text));
      }
    }
  });

  it('translates with variables in the language asked for', () => {
    const translate = createTranslate({ defaultLanguage: 'fr' });
    expect(translate('fr', 'invite:whatsapp_text', { code: 'ABCD2345' })).toBe('REJOINDRE ABCD2345');
    expect(translate('en', 'invite:whatsapp_text', { code: 'ABCD2345' })).toBe('JOIN ABCD2345');
  });
});
