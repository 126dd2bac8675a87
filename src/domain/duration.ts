/** Durations as written in programme files: "48h", "6h", "7d", "1d12h", "90m", "2w"; "1y" where calendar years make sense. */

const UNIT_MINUTES = { w: 7 * 24 * 60, d: 24 * 60, h: 60, m: 1 } as const;
const DURATION = /^(?:\d+[wdhm])+$/;
const CALENDAR_DURATION = /^(?:\d+[ywdhm])+$/;

/** Minutes in a duration such as "1d12h", or null when it is not one. */
export function parseDuration(text: string): number | null {
  const compact = text.trim().toLowerCase().replace(/\s+/g, '');
  if (!DURATION.test(compact)) return null;
  let minutes = 0;
  for (const [, amount, unit] of compact.matchAll(/(\d+)([wdhm])/g)) {
    minutes += Number(amount) * UNIT_MINUTES[unit as keyof typeof UNIT_MINUTES];
  }
  return minutes;
}

/** A duration with calendar years, kept apart: a year is not a fixed number of minutes (leap years). */
interface CalendarDuration {
  years: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
}

/** A duration such as "1y", "1y6w" or "90d" in its calendar parts, or null when it is not one. */
export function parseCalendarDuration(text: string): CalendarDuration | null {
  const compact = text.trim().toLowerCase().replace(/\s+/g, '');
  if (!CALENDAR_DURATION.test(compact)) return null;
  const parts: CalendarDuration = { years: 0, weeks: 0, days: 0, hours: 0, minutes: 0 };
  const field = { y: 'years', w: 'weeks', d: 'days', h: 'hours', m: 'minutes' } as const;
  for (const [, amount, unit] of compact.matchAll(/(\d+)([ywdhm])/g)) {
    parts[field[unit as keyof typeof field]] += Number(amount);
  }
  return parts;
}

/** The shortest way to write a number of minutes as a duration: 2880 → "2d". */
export function formatDuration(minutes: number): string {
  if (minutes === 0) return '0m';
  let rest = minutes;
  let text = '';
  for (const [unit, size] of Object.entries(UNIT_MINUTES)) {
    if (unit === 'w') continue;
    const amount = Math.floor(rest / size);
    if (amount > 0) text += `${amount}${unit}`;
    rest -= amount * size;
  }
  return text;
}
