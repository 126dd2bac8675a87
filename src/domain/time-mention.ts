import { foldText } from './fold-text.ts';

/**
 * Times of day written in an announcement: "15:00", "9:30", "15h", "15h30", "15 h 30", "3pm",
 * "3:30 p.m.". Numbers that are not times ("15 participants", "2027", "3,5", "15.00", a date
 * "25/01") are not times here. "2h" or "1h30" reads as a duration after "pendant", "durée",
 * "en", "plus de"… or before "de"/"d'" ("2h de formation"), unless "à", "de", "vers"… come
 * just before it ("de 14h à 16h"). Noon and midnight written as words are left alone.
 */
export interface TimeMention {
  /** As written, e.g. "15h30". */
  text: string;
  /** Where it starts in the text (UTF-16 index). */
  index: number;
  /** 0–23 */
  hour: number;
  minute: number;
  notation: TimeNotation;
}

/** How a time is written, so that it can be written back the same way. */
export type TimeNotation =
  /** `padded`: the author wrote two digits for the hour, as in "09:00" or "15:00" (but not "9:00"). */
  | { kind: 'colon'; padded: boolean }
  /** `padded`: the author wrote the hour with a leading zero, as in "09h". */
  | { kind: 'h'; letter: 'h' | 'H'; spaced: boolean; minutes: boolean; padded: boolean }
  | { kind: 'meridiem'; minutes: boolean; suffix: string };

const TIME = new RegExp(
  [
    String.raw`(?<![\p{L}\p{N}.,:/])`,
    '(?:',
    String.raw`(?<cH>\d{1,2}):(?<cM>\d{2})(?<cSuffix>\s?[ap]\.?m\.?)?`,
    String.raw`|(?<mH>\d{1,2})(?<mSuffix>\s?[ap]\.?m\.?)`,
    String.raw`|(?<hH>\d{1,2})(?:(?<hLetter>h)(?<hM>\d{2})?|\s(?<sLetter>h)(?:\s(?<sM>\d{2}))?)`,
    ')',
    String.raw`(?![\p{L}\p{N}]|:\d)`,
  ].join(''),
  'giu',
);

/** A word just before the time that makes it a duration: "pendant 2h", "durée : 1h30". */
const DURATION_BEFORE = new Set([
  'pendant',
  'durant',
  'dure',
  'durent',
  'durera',
  'dureront',
  'duree',
  'en',
  'for',
  'during',
  'lasts',
  'last',
  'lasting',
  'takes',
  'environ',
  'about',
  'approximately',
]);
const DURATION_BEFORE_PAIRS = new Set([
  'plus de',
  'moins de',
  'au moins',
  'more than',
  'less than',
  'at least',
  'up to',
]);
/** A word just before the time that makes it a time even when "de" follows. */
const TIME_BEFORE = new Set([
  'a',
  'des',
  'de',
  'vers',
  'avant',
  'apres',
  'entre',
  'at',
  'from',
  'to',
  'until',
  'till',
  'by',
  'before',
  'after',
  'between',
]);

export function extractTimes(text: string): TimeMention[] {
  const mentions: TimeMention[] = [];
  for (const match of text.matchAll(TIME)) {
    const mention = toMention(match);
    if (mention && !readsAsDuration(text, mention)) mentions.push(mention);
  }
  return mentions;
}

function toMention(match: RegExpMatchArray): TimeMention | null {
  const groups = match.groups ?? {};
  const base = { text: match[0], index: match.index ?? 0 };
  if (groups.cH !== undefined) {
    const suffix = groups.cSuffix;
    if (suffix !== undefined) return meridiem(base, Number(groups.cH), Number(groups.cM), true, suffix);
    return clock(base, Number(groups.cH), Number(groups.cM), { kind: 'colon', padded: groups.cH.length === 2 });
  }
  if (groups.mH !== undefined) return meridiem(base, Number(groups.mH), 0, false, groups.mSuffix ?? '');
  const hour = groups.hH ?? '';
  const letter = groups.hLetter ?? groups.sLetter;
  const minutes = groups.hM ?? groups.sM;
  return clock(base, Number(hour), Number(minutes ?? 0), {
    kind: 'h',
    letter: letter === 'H' ? 'H' : 'h',
    spaced: groups.sLetter !== undefined,
    minutes: minutes !== undefined,
    padded: hour.length === 2 && hour.startsWith('0'),
  });
}

function clock(
  base: { text: string; index: number },
  hour: number,
  minute: number,
  notation: TimeNotation,
): TimeMention | null {
  return hour <= 23 && minute <= 59 ? { ...base, hour, minute, notation } : null;
}

/** 12 am is midnight and 12 pm is noon. */
function meridiem(
  base: { text: string; index: number },
  hour12: number,
  minute: number,
  minutes: boolean,
  suffix: string,
): TimeMention | null {
  if (hour12 < 1 || hour12 > 12 || minute > 59) return null;
  const pm = /p/i.test(suffix);
  return { ...base, hour: (hour12 % 12) + (pm ? 12 : 0), minute, notation: { kind: 'meridiem', minutes, suffix } };
}

function readsAsDuration(text: string, mention: TimeMention): boolean {
  if (mention.notation.kind === 'meridiem') return false;
  const before = foldText(text.slice(Math.max(0, mention.index - 40), mention.index))
    .split(' ')
    .filter((word) => word !== '');
  const previous = before.at(-1) ?? '';
  if (DURATION_BEFORE.has(previous) || DURATION_BEFORE_PAIRS.has(before.slice(-2).join(' '))) return true;
  if (TIME_BEFORE.has(previous) || mention.notation.kind !== 'h') return false;
  return /^\s+d(?:e\s|['’])/iu.test(text.slice(mention.index + mention.text.length));
}
