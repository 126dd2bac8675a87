import { DateTime, Duration } from 'luxon';
import { z } from 'zod';
import { parseCalendarDuration } from './duration.ts';
import type { Language } from './programme/language.ts';

/** Staff are told this long ahead that a programme's personal data is about to be erased. */
export const RETENTION_NOTICE_DAYS = 30;

/** How long personal data is kept after the programme ends (its last phase), e.g. "1y". */
export interface Retention {
  eraseAfterEnd: string;
}

const storedRetention = z.object({ eraseAfterEnd: z.string().refine((text) => parseCalendarDuration(text) !== null) });

/** The retention of a programme's stored settings; null when it has none (or was imported before retention existed). */
export function retentionOf(settings: unknown): Retention | null {
  const parsed = z.object({ retention: storedRetention.nullish() }).safeParse(settings);
  return parsed.success ? (parsed.data.retention ?? null) : null;
}

/**
 * When the personal data of a programme is erased: the end of its last phase's last day in the
 * programme's time zone, plus the retention in calendar terms (1y after 2027-09-19 is the start
 * of 2028-09-20 there, leap years and daylight saving included).
 */
export function erasureInstant(lastPhaseEndsOn: string, retention: Retention, timeZone: string): Date {
  const span = parseCalendarDuration(retention.eraseAfterEnd);
  if (!span) throw new Error(`not a retention duration: ${retention.eraseAfterEnd}`);
  const end = DateTime.fromISO(lastPhaseEndsOn, { zone: timeZone }).startOf('day').plus({ days: 1 });
  return end.plus(span).toJSDate();
}

/** The last day of the last phase (YYYY-MM-DD), from the phases' end dates. */
export function programmeEndsOn(phaseEnds: string[]): string | null {
  return phaseEnds.length === 0 ? null : [...phaseEnds].sort().at(-1)!;
}

/** A retention in words, in a language: "1y" → "1 year" / "1 an". */
export function describeRetention(retention: Retention, language: Language): string {
  const span = parseCalendarDuration(retention.eraseAfterEnd);
  if (!span) return retention.eraseAfterEnd;
  const parts = Object.fromEntries(Object.entries(span).filter(([, amount]) => amount > 0));
  return Duration.fromObject(parts, { locale: language }).toHuman({ listStyle: 'long' });
}
