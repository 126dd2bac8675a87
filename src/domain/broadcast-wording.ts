import { DateTime } from 'luxon';
import { localizeTimes } from './localize-times.ts';
import { isLanguage, type Language } from './programme/language.ts';

/** What decides how a broadcast reads to one person. */
interface Reader {
  locale: string | null;
  timeZone: string;
}

/**
 * How a broadcast reads to each person: in their language (else the programme's), with the
 * times it mentions, read on the day it goes out in the programme's time zone, shown in theirs.
 * The preview and the fan-out both use it, so what staff preview is what people get. Each text
 * is worked out once per language and time zone.
 */
export function broadcastWording(options: {
  texts: Partial<Record<Language, string>>;
  /** The language of readers the broadcast has no text for: the programme's first, else the installation's. */
  fallbackLanguage: Language;
  programmeZone: string;
  sendsAt: Date;
}) {
  const fallback = options.fallbackLanguage;
  const date = DateTime.fromJSDate(options.sendsAt, { zone: options.programmeZone }).toISODate() ?? '';
  const texts = new Map<string, string>();
  return (reader: Reader): { language: Language; text: string } => {
    // The language of the text they get: theirs when the broadcast has it.
    const language: Language =
      isLanguage(reader.locale) && options.texts[reader.locale] !== undefined ? reader.locale : fallback;
    const key = `${language}|${reader.timeZone}`;
    let text = texts.get(key);
    if (text === undefined) {
      const body = options.texts[language] ?? '';
      text = localizeTimes(body, { sourceZone: options.programmeZone, targetZone: reader.timeZone, date, language });
      texts.set(key, text);
    }
    return { language, text };
  };
}
