import { DateTime } from 'luxon';
import { localizeTimes } from './localize-times.ts';
import { isLanguage, type Language } from './programme/language.ts';
import type { SegmentFilter } from './segment.ts';

/** What decides how a broadcast reads to one person. */
interface Reader {
  locale: string | null;
  timeZone: string;
}

/** Where the author says the times they write are: the programme's zone, or the one hub's they write to. */
export type TimesIn = 'programme' | 'audience';

/**
 * The zone the times of a broadcast are read in: the hub's when the author writes in the
 * audience's time and the audience is one hub, the programme's otherwise.
 */
export function timesZoneOf(
  timesIn: TimesIn,
  filter: SegmentFilter,
  programme: { timeZone: string; hubs: { id: string; timeZone: string }[] },
): string {
  return (timesIn === 'audience' && audienceHub(filter, programme.hubs)?.timeZone) || programme.timeZone;
}

/** The one hub a segment names, if it names exactly one. */
export function audienceHub<Hub extends { id: string }>(filter: SegmentFilter, hubs: Hub[]): Hub | undefined {
  return filter.hubIds?.length === 1 ? hubs.find((hub) => hub.id === filter.hubIds![0]) : undefined;
}

/**
 * How a broadcast reads to each person: in their language (else the programme's), with the
 * times it mentions, written in `timesZone`, shown in theirs; each time is read on the day the
 * text names for it, else on the day the broadcast goes out. The preview and the fan-out both
 * use it, so what staff preview is what people get. Each text is worked out once per language
 * and time zone.
 */
export function broadcastWording(options: {
  texts: Partial<Record<Language, string>>;
  /** The language of readers the broadcast has no text for: the programme's first, else the installation's. */
  fallbackLanguage: Language;
  /** The zone the author's times are in (see `timesZoneOf`). */
  timesZone: string;
  sendsAt: Date;
}) {
  const fallback = options.fallbackLanguage;
  const date = DateTime.fromJSDate(options.sendsAt, { zone: options.timesZone }).toISODate() ?? '';
  const texts = new Map<string, string>();
  return (reader: Reader): { language: Language; text: string } => {
    // The language of the text they get: theirs when the broadcast has it.
    const language: Language =
      isLanguage(reader.locale) && options.texts[reader.locale] !== undefined ? reader.locale : fallback;
    const key = `${language}|${reader.timeZone}`;
    let text = texts.get(key);
    if (text === undefined) {
      const body = options.texts[language] ?? '';
      text = localizeTimes(body, { sourceZone: options.timesZone, targetZone: reader.timeZone, date, language });
      texts.set(key, text);
    }
    return { language, text };
  };
}
