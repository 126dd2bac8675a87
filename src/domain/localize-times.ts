import { DateTime } from 'luxon';
import type { Language } from './programme/language.ts';
import { extractDates, type DateMention } from './date-mention.ts';
import { extractTimes, type TimeMention, type TimeNotation } from './time-mention.ts';

export interface LocalizeTimesOptions {
  /** Where the author's times are meant: the programme's zone (Europe/Paris), or a hub's. */
  sourceZone: string;
  /** The reader's zone. */
  targetZone: string;
  /**
   * YYYY-MM-DD: the day the text is sent, in the source zone. A time is read on the day written
   * before it in the text ("le 6 avril à 15h"), else the first written after it, else this day.
   */
  date: string;
  /** The reader's language, for the words added around times. */
  language: Language;
  /** How to name the reader's time, e.g. "heure de Bukavu"; "heure locale" / "local time" otherwise. */
  targetLabel?: string;
}

const WORDS = {
  fr: { local: 'heure locale', nextDay: 'le lendemain', previousDay: 'la veille' },
  en: { local: 'local time', nextDay: 'next day', previousDay: 'previous day' },
} as const;

/** "de 14h à 16h", "14h-16h", "9:00 and 11:00": times read together, labelled once. */
const CONNECTOR = /^\s*(?:-|–|—|à|a|au|et|ou|and|or|to|till|until|jusqu['’]à)\s*$/iu;

/**
 * An announcement with each time of day (see `extractTimes`) rewritten in the reader's zone, in
 * the notation the author used. The reader must not be able to mistake a converted time for
 * the author's, so:
 * - each converted time, or run of times ("de 14h à 16h"), is followed by "(heure locale)" /
 *   "(local time)" or `targetLabel`; a note naming the source zone right after it ("(heure de
 *   Paris)", "Paris time", "(heure française)") is replaced by that label, and the same note
 *   elsewhere in the text becomes the label, since every time in the text is now local;
 * - a time that falls on another day says so: "00:30 (le lendemain, heure locale)";
 * - when the reader's clock shows the same time as the source's (Tunis and Paris in winter),
 *   the text is left exactly as written.
 * Each time is converted with the offsets of its own day, so that a text written in March for a
 * day in April reads right across a daylight-saving change. Dates in the text are not rewritten:
 * the day note says which way the day moves. A local time that does not exist on its day
 * (skipped by a daylight-saving change) moves forward.
 */
export function localizeTimes(text: string, options: LocalizeTimesOptions): string {
  const dayIn = (date: string) => {
    const day = DateTime.fromISO(date, { zone: options.sourceZone });
    const targetDay = DateTime.fromISO(date, { zone: options.targetZone });
    if (!day.isValid || !targetDay.isValid) {
      throw new RangeError(`cannot read ${date} in ${options.sourceZone} and ${options.targetZone}`);
    }
    return { day, targetDay };
  };
  dayIn(options.date);
  const dates = extractDates(text, options.date);
  const words = WORDS[options.language];
  const label = options.targetLabel ?? words.local;
  const sourceNote = sourceZoneNote(options.sourceZone);

  let result = '';
  let at = 0;
  let converted = false;
  for (const run of runsOf(text, extractTimes(text))) {
    const { day, targetDay } = dayIn(dayOfRun(run[0]!, dates) ?? options.date);
    const local = run.map((mention) => {
      const instant = day.set({ hour: mention.hour, minute: mention.minute }).setZone(options.targetZone);
      return { mention, instant, dayShift: Math.round(instant.startOf('day').diff(targetDay, 'days').days) };
    });
    if (
      local.every(
        ({ mention, instant, dayShift }) =>
          dayShift === 0 && instant.hour === mention.hour && instant.minute === mention.minute,
      )
    ) {
      continue;
    }
    converted = true;
    local.forEach(({ mention, instant, dayShift }, position) => {
      result += text.slice(at, mention.index) + writeTime(mention.notation, instant.hour, instant.minute);
      at = mention.index + mention.text.length;
      const notes = [dayShift === 0 ? null : dayNote(dayShift, instant, options.language)];
      if (position === run.length - 1) {
        notes.push(label);
        at += sourceNote.adjacent.exec(text.slice(at))?.[0].length ?? 0;
      }
      const written = notes.filter((note) => note !== null);
      if (written.length > 0) result += ` (${written.join(', ')})`;
    });
  }
  result += text.slice(at);
  return converted ? result.replace(sourceNote.anywhere, relabel(label)) : text;
}

/** The day written last before the time, else the first written after it. */
function dayOfRun(time: TimeMention, dates: DateMention[]): string | undefined {
  return (dates.findLast((date) => date.index < time.index) ?? dates[0])?.date;
}

/** Mentions grouped into runs joined only by a connector. */
function runsOf(text: string, mentions: TimeMention[]): TimeMention[][] {
  const runs: TimeMention[][] = [];
  mentions.forEach((mention, index) => {
    const previous = mentions[index - 1];
    const run = runs.at(-1);
    if (previous && run && CONNECTOR.test(text.slice(previous.index + previous.text.length, mention.index)))
      run.push(mention);
    else runs.push([mention]);
  });
  return runs;
}

function writeTime(notation: TimeNotation, hour: number, minute: number): string {
  const mm = String(minute).padStart(2, '0');
  switch (notation.kind) {
    case 'colon':
      return `${notation.padded ? String(hour).padStart(2, '0') : hour}:${mm}`;
    case 'h': {
      const space = notation.spaced ? ' ' : '';
      const minutes = notation.minutes || minute !== 0 ? `${space}${mm}` : '';
      return `${notation.padded ? String(hour).padStart(2, '0') : hour}${space}${notation.letter}${minutes}`;
    }
    case 'meridiem': {
      const hour12 = hour % 12 === 0 ? 12 : hour % 12;
      // Keep the author's "pm", "PM", "p.m." or " pm", switching only the a/p letter.
      const suffix = notation.suffix.replace(/[ap]/i, (letter) => {
        const wanted = hour < 12 ? 'a' : 'p';
        return letter === letter.toUpperCase() ? wanted.toUpperCase() : wanted;
      });
      return `${hour12}${notation.minutes || minute !== 0 ? `:${mm}` : ''}${suffix}`;
    }
  }
}

function dayNote(dayShift: number, instant: DateTime, language: Language): string {
  if (dayShift === 1) return WORDS[language].nextDay;
  if (dayShift === -1) return WORDS[language].previousDay;
  return instant.setLocale(language).toFormat('d LLLL');
}

/**
 * Notes that say a time is the source zone's: "(heure de Paris)", "à l'heure de Paris",
 * "Paris time", "(Paris)"… `adjacent` finds one right after a time, `anywhere` everywhere.
 */
function sourceZoneNote(zone: string): { adjacent: RegExp; anywhere: RegExp } {
  const city = escape((zone.split('/').at(-1) ?? zone).replace(/_/g, ' '));
  const names = [
    String.raw`heure\s+(?:de\s+|d['’]\s*)${city}`,
    String.raw`${city}\s+time`,
    ...(zone === 'Europe/Paris'
      ? [String.raw`heure\s+fran[cç]aise`, String.raw`heure\s+de\s+France`, String.raw`French\s+time`, 'CES?T']
      : []),
  ].join('|');
  const prefix = String.raw`(?:à|a)\s+l['’]|en\s+`;
  // "(Paris)" names a zone only right after a time; elsewhere it may be an address.
  const note = (inParens: string) =>
    String.raw`(?<parenLead>\s*)\(\s*(?:${inParens})\s*\)` +
    String.raw`|(?<bareLead>,?\s*)(?<![\p{L}\p{N}])(?<prefix>${prefix})?(?:${names})(?![\p{L}\p{N}])`;
  const named = String.raw`(?:${prefix})?(?:${names})`;
  return { adjacent: new RegExp(`^(?:${note(`${named}|${city}`)})`, 'iu'), anywhere: new RegExp(note(named), 'giu') };
}

/** The label in place of a source-zone note found away from any time, keeping its spacing and "à l'". */
function relabel(label: string): (...match: unknown[]) => string {
  return (...match) => {
    const groups = match.at(-1) as Record<string, string | undefined>;
    if (groups.parenLead !== undefined) return `${groups.parenLead}(${label})`;
    return `${groups.bareLead ?? ''}${groups.prefix ?? ''}${label}`;
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
