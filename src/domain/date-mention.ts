import { DateTime } from 'luxon';
import { WEEKDAYS } from './calendar-rule.ts';

/** A day written in an announcement: "6 avril", "1er avril 2027", "April 6th", "the 6th of April", "06/04/2027", "demain", "dimanche". */
export interface DateMention {
  /** As written, e.g. "6 avril". */
  text: string;
  /** Where it starts in the text (UTF-16 index). */
  index: number;
  /** The day it names, YYYY-MM-DD. */
  date: string;
}

const MONTHS: Record<string, number> = {
  janvier: 1,
  fevrier: 2,
  mars: 3,
  avril: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  aout: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  decembre: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

const RELATIVE: Record<string, number> = { "aujourd'hui": 0, 'aujourd’hui': 0, today: 0, demain: 1, tomorrow: 1 };

const MONTH = String.raw`janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|january|february|march|april|may|june|july|august|september|october|november|december`;
const DAY = String.raw`(?:[12]\d|3[01]|0?[1-9])(?:er|st|nd|rd|th)?`;

const DATE = new RegExp(
  [
    String.raw`(?<![\p{L}\p{N}/.:-])(?:`,
    String.raw`(?<isoY>\d{4})-(?<isoM>\d{2})-(?<isoD>\d{2})`,
    String.raw`|(?<numD>\d{1,2})/(?<numM>\d{1,2})(?:/(?<numY>\d{4}))?`,
    String.raw`|(?<wordD>${DAY})\s+(?:of\s+)?(?<wordM>${MONTH})(?:\s+(?<wordY>\d{4}))?`,
    String.raw`|(?<enM>${MONTH})\s+(?<enD>${DAY})(?:,?\s+(?<enY>\d{4}))?`,
    String.raw`|(?<relative>aujourd['’]hui|today|demain|tomorrow)`,
    String.raw`|(?<weekday>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)`,
    String.raw`)(?![\p{L}\p{N}]|/\d)`,
  ].join(''),
  'giu',
);

/**
 * The days an announcement names, read from `sentOn` (YYYY-MM-DD, the day it goes out): a day
 * without a year is in the year that puts it nearest that day; "demain" is the day after it; a
 * day of the week alone is the first such day from it. A weekday written before a full date
 * ("mardi 6 avril") is left to the date. Days that do not exist (30 février) are not days.
 */
export function extractDates(text: string, sentOn: string): DateMention[] {
  const sent = DateTime.fromISO(sentOn, { zone: 'UTC' });
  if (!sent.isValid) throw new RangeError(`cannot read the day ${sentOn}`);
  const mentions: DateMention[] = [];
  for (const match of text.matchAll(DATE)) {
    const day = dayOf(match.groups ?? {}, sent);
    const index = match.index ?? 0;
    if (!day?.isValid) continue;
    // "mardi 6 avril": the weekday says nothing the date does not.
    const previous = mentions.at(-1);
    if (previous && match.groups?.weekday === undefined && isWeekdayJustBefore(text, previous, index)) mentions.pop();
    mentions.push({ text: match[0], index, date: day.toISODate() ?? '' });
  }
  return mentions;
}

function dayOf(groups: Record<string, string | undefined>, sent: DateTime): DateTime | null {
  if (groups.isoY) return exact(+groups.isoY, +groups.isoM!, +groups.isoD!);
  if (groups.numD) return dated(sent, +groups.numM!, +groups.numD, groups.numY);
  if (groups.wordD) return dated(sent, monthOf(groups.wordM!), parseInt(groups.wordD, 10), groups.wordY);
  if (groups.enM) return dated(sent, monthOf(groups.enM), parseInt(groups.enD!, 10), groups.enY);
  if (groups.relative) return sent.plus({ days: RELATIVE[groups.relative.toLowerCase()] ?? 0 });
  if (groups.weekday) {
    const weekday = WEEKDAYS[groups.weekday.toLowerCase()] ?? sent.weekday;
    return sent.plus({ days: (weekday - sent.weekday + 7) % 7 });
  }
  return null;
}

function monthOf(name: string): number {
  const folded = name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
  return MONTHS[folded] ?? 0;
}

function exact(year: number, month: number, day: number): DateTime {
  return DateTime.fromObject({ year, month, day }, { zone: 'UTC' });
}

/** The written day in the year given, else in the year (before, this, after) that puts it nearest `sent`. */
function dated(sent: DateTime, month: number, day: number, year: string | undefined): DateTime | null {
  if (year !== undefined) return exact(+year, month, day);
  const candidates = [sent.year - 1, sent.year, sent.year + 1]
    .map((y) => exact(y, month, day))
    .filter((candidate) => candidate.isValid);
  if (candidates.length === 0) return null;
  const distance = (candidate: DateTime) => Math.abs(candidate.diff(sent, 'days').days);
  return candidates.reduce((best, candidate) => (distance(candidate) < distance(best) ? candidate : best));
}

function isWeekdayJustBefore(text: string, previous: DateMention, index: number): boolean {
  return (
    WEEKDAYS[previous.text.toLowerCase()] !== undefined &&
    /^[\s,]*$/u.test(text.slice(previous.index + previous.text.length, index))
  );
}
