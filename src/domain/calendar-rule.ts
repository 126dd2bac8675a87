import { DateTime } from 'luxon';
import { parseDuration } from './duration.ts';

/**
 * Release and deadline rules of the programme file, and the local-time arithmetic
 * that turns them into instants. Weeks are counted from the phase's start: week 1 is
 * the (Monday-to-Sunday) week that contains the phase's first day.
 */

interface LocalTime {
  hour: number;
  minute: number;
}

/** "week 3, monday 09:00" */
interface WeekRule {
  kind: 'week';
  week: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday */
  weekday: number;
  time: LocalTime;
}

/** "release + 6d at 23:59", "release + 48h" */
interface AfterReleaseRule {
  kind: 'after-release';
  /** Whole local days added to the release date (keeps the local time unless `time` is set). */
  days: number;
  /** Exact minutes added after the days (used when the offset is not whole days). */
  minutes: number;
  time?: LocalTime;
}

export type ReleaseRule = WeekRule;
export type DeadlineRule = WeekRule | AfterReleaseRule;

type RuleResult<T> = { ok: true; rule: T } | { ok: false; error: string };

/** Day names in English and French, as Luxon numbers them (Monday is 1). */
export const WEEKDAYS: Readonly<Record<string, number>> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
  lundi: 1,
  mardi: 2,
  mercredi: 3,
  jeudi: 4,
  vendredi: 5,
  samedi: 6,
  dimanche: 7,
};

const WEEK_RULE = /^(?:week|semaine)\s+(\d{1,2})\s*,\s*([a-z]+)\s+(\d{1,2})[:h](\d{2})$/;
const AFTER_RELEASE_RULE = /^release\s*\+\s*([0-9wdhm ]+?)(?:\s+at\s+(\d{1,2})[:h](\d{2}))?$/;

const RELEASE_RULE_EXAMPLE = 'week 3, monday 09:00';
const DEADLINE_RULE_EXAMPLES = ['week 3, sunday 23:59', 'release + 6d at 23:59', 'release + 48h'];

export function parseReleaseRule(text: string): RuleResult<ReleaseRule> {
  return (
    parseWeekRule(text) ?? {
      ok: false,
      error: `"${text}" is not a release rule; write it like "${RELEASE_RULE_EXAMPLE}"`,
    }
  );
}

export function parseDeadlineRule(text: string): RuleResult<DeadlineRule> {
  const week = parseWeekRule(text);
  if (week) return week;
  const match = AFTER_RELEASE_RULE.exec(normalize(text));
  if (match) {
    const [, durationText = '', hour, minute] = match;
    const total = parseDuration(durationText);
    if (total === null || total === 0) {
      return { ok: false, error: `"${durationText.trim()}" in "${text}" is not a duration such as 6d or 48h` };
    }
    if (hour !== undefined && total % (24 * 60) !== 0) {
      return { ok: false, error: `"${text}": "at HH:MM" needs a whole number of days, such as release + 6d at 23:59` };
    }
    const days = Math.floor(total / (24 * 60));
    const rule: AfterReleaseRule = { kind: 'after-release', days, minutes: total - days * 24 * 60 };
    if (hour !== undefined) {
      const time = parseTime(hour, minute ?? '');
      if (!time) return { ok: false, error: `"${text}" has an impossible time of day` };
      rule.time = time;
    }
    return { ok: true, rule };
  }
  return {
    ok: false,
    error: `"${text}" is not a deadline rule; write it like ${DEADLINE_RULE_EXAMPLES.map((e) => `"${e}"`).join(' or ')}`,
  };
}

function parseWeekRule(text: string): RuleResult<WeekRule> | null {
  const match = WEEK_RULE.exec(normalize(text));
  if (!match) return null;
  const [, week = '', dayName = '', hour = '', minute = ''] = match;
  const weekday = WEEKDAYS[dayName];
  if (weekday === undefined) return { ok: false, error: `"${dayName}" in "${text}" is not a day of the week` };
  if (Number(week) < 1) return { ok: false, error: `"${text}": weeks are counted from 1` };
  const time = parseTime(hour, minute);
  if (!time) return { ok: false, error: `"${text}" has an impossible time of day` };
  return { ok: true, rule: { kind: 'week', week: Number(week), weekday, time } };
}

function parseTime(hour: string, minute: string): LocalTime | null {
  const h = Number(hour);
  const m = Number(minute);
  if (!Number.isInteger(h) || !Number.isInteger(m) || h > 23 || m > 59) return null;
  return { hour: h, minute: m };
}

function normalize(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * The instant a week rule designates in a time zone. A local time that does not exist
 * (skipped by a daylight-saving change) moves forward to the first one that does.
 * @param phaseStartsOn the phase's first day, YYYY-MM-DD
 */
export function weekRuleInstant(phaseStartsOn: string, rule: WeekRule, timeZone: string): DateTime {
  const phaseStart = DateTime.fromISO(phaseStartsOn, { zone: timeZone });
  return phaseStart
    .startOf('week')
    .plus({ weeks: rule.week - 1, days: rule.weekday - 1 })
    .set({ hour: rule.time.hour, minute: rule.time.minute, second: 0, millisecond: 0 });
}

/** The instant an exercise is released to someone living in `timeZone`. */
export function releaseInstant(phaseStartsOn: string, rule: ReleaseRule, timeZone: string): DateTime {
  return weekRuleInstant(phaseStartsOn, rule, timeZone).toUTC();
}

/** The deadline instant for someone living in `timeZone`, given the same person's release. */
export function deadlineInstant(
  phaseStartsOn: string,
  rule: DeadlineRule,
  release: DateTime,
  timeZone: string,
): DateTime {
  if (rule.kind === 'week') return weekRuleInstant(phaseStartsOn, rule, timeZone).toUTC();
  let local = release.setZone(timeZone).plus({ days: rule.days });
  if (rule.time) local = local.set({ hour: rule.time.hour, minute: rule.time.minute, second: 0, millisecond: 0 });
  return local.plus({ minutes: rule.minutes }).toUTC();
}
