import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type Resource } from 'i18next';
import { de } from './domain/french-elision.ts';
import { SUPPORTED_LANGUAGES, type Language } from './domain/programme/language.ts';

/** Translates an interface string (locales/<language>/<namespace>.json) into a person's language. */
export type Translate = (language: Language, key: string, values?: Record<string, unknown>) => string;

const DEFAULT_LOCALES_DIR = path.resolve(import.meta.dirname, '..', 'locales');

/** Reads every locales/<language>/<namespace>.json file. */
export function loadLocaleResources(localesDir: string = DEFAULT_LOCALES_DIR): Resource {
  const resources: Resource = {};
  for (const language of SUPPORTED_LANGUAGES) {
    const dir = path.join(localesDir, language);
    resources[language] = Object.fromEntries(
      readdirSync(dir)
        .filter((file) => file.endsWith('.json'))
        .map((file) => [path.basename(file, '.json'), JSON.parse(readFileSync(path.join(dir, file), 'utf8'))]),
    );
  }
  return resources;
}

/**
 * One i18next instance for the whole process. Keys are written `namespace:key`
 * (e.g. `invite:whatsapp_text`); a missing key falls back to the default language.
 */
export function createTranslate(options: { defaultLanguage: Language; localesDir?: string }): Translate {
  const resources = loadLocaleResources(options.localesDir);
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: options.defaultLanguage,
    fallbackLng: options.defaultLanguage,
    supportedLngs: [...SUPPORTED_LANGUAGES],
    ns: Object.keys(resources[options.defaultLanguage] ?? {}),
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  // `{{name, de}}` in French wording: "de Koffi", "d'Awa" (see `de`).
  instance.services.formatter?.add('de', (value: unknown) => de(String(value)));
  return (language, key, values) => instance.t(key, { lng: language, ...values });
}
