import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  deadlineInstant,
  parseDeadlineRule,
  parseReleaseRule,
  releaseInstant,
  type DeadlineRule,
  type ReleaseRule,
} from '../../src/domain/calendar-rule.ts';
import { formatDuration, parseDuration } from '../../src/domain/duration.ts';

function release(text: string): ReleaseRule {
  const parsed = parseReleaseRule(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.rule;
}

function deadline(text: string): DeadlineRule {
  const parsed = parseDeadlineRule(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.rule;
}

describe('durations', () => {
  it('reads the units programme files use', () => {
    expect(parseDuration('48h')).toBe(2880);
    expect(parseDuration('6h')).toBe(360);
    expect(parseDuration('1d12h')).toBe(2160);
    expect(parseDuration('2w')).toBe(20160);
    expect(parseDuration('90m')).toBe(90);
  });

  it('refuses what is not a duration', () => {
    for (const text of ['', 'h', '48', '2 days', '-3h', '1.5h']) expect(parseDuration(text)).toBeNull();
  });

  it('writes minutes back as the shortest duration', () => {
    expect(formatDuration(2880)).toBe('2d');
    expect(formatDuration(2160)).toBe('1d12h');
    expect(formatDuration(90)).toBe('1h30m');
  });
});

describe('release and deadline rules', () => {
  it('reads a week rule in English or French, in any case', () => {
    expect(release('week 3, Monday 09:00')).toEqual({
      kind: 'week',
      week: 3,
      weekday: 1,
      time: { hour: 9, minute: 0 },
    });
    expect(release('Semaine 2, vendredi 18h30')).toEqual({
      kind: 'week',
      week: 2,
      weekday: 5,
      time: { hour: 18, minute: 30 },
    });
  });

  it('explains a rule it cannot read', () => {
    expect(parseReleaseRule('monday at nine')).toMatchObject({
      ok: false,
      error: expect.stringContaining('week 3, monday 09:00'),
    });
    expect(parseReleaseRule('week 1, funday 09:00')).toMatchObject({
      ok: false,
      error: expect.stringContaining('"funday"'),
    });
    expect(parseReleaseRule('week 1, monday 25:00')).toMatchObject({
      ok: false,
      error: expect.stringContaining('impossible time'),
    });
    expect(parseReleaseRule('week 0, monday 09:00')).toMatchObject({ ok: false });
  });

  it('reads deadlines relative to the release', () => {
    expect(deadline('release + 6d at 23:59')).toEqual({
      kind: 'after-release',
      days: 6,
      minutes: 0,
      time: { hour: 23, minute: 59 },
    });
    expect(deadline('release + 36h')).toEqual({ kind: 'after-release', days: 1, minutes: 720 });
    expect(parseDeadlineRule('release + 36h at 10:00')).toMatchObject({
      ok: false,
      error: expect.stringContaining('whole number of days'),
    });
  });
});

describe('local instants across the programme hubs', () => {
  // The training starts on Monday 11 January 2027; week 3 starts on Monday 25 January.
  const phaseStart = '2027-01-11';
  const monday9 = release('week 3, monday 09:00');

  it.each([
    ['Africa/Abidjan', '2027-01-25T09:00:00.000Z'],
    ['Africa/Ouagadougou', '2027-01-25T09:00:00.000Z'],
    ['Africa/Tunis', '2027-01-25T08:00:00.000Z'],
    ['Africa/Lubumbashi', '2027-01-25T07:00:00.000Z'],
    ['Indian/Antananarivo', '2027-01-25T06:00:00.000Z'],
  ])('releases at 09:00 local in %s', (zone, utc) => {
    const instant = releaseInstant(phaseStart, monday9, zone);
    expect(instant.toISO()).toBe(utc);
    expect(instant.setZone(zone).toFormat('cccc HH:mm')).toBe('Monday 09:00');
  });

  it('counts week 1 from the Monday of the week in which the phase starts', () => {
    // A phase starting on a Wednesday: week 1's Friday is two days later.
    const friday = releaseInstant('2027-01-13', release('week 1, friday 10:00'), 'Africa/Abidjan');
    expect(friday.toISO()).toBe('2027-01-15T10:00:00.000Z');
  });

  it('keeps 09:00 Paris time across the spring daylight-saving change', () => {
    // Europe/Paris moves from UTC+1 to UTC+2 on Sunday 28 March 2027.
    const before = releaseInstant('2027-03-22', release('week 1, friday 09:00'), 'Europe/Paris');
    const after = releaseInstant('2027-03-22', release('week 2, monday 09:00'), 'Europe/Paris');
    expect(before.toISO()).toBe('2027-03-26T08:00:00.000Z');
    expect(after.toISO()).toBe('2027-03-29T07:00:00.000Z');
  });

  it('moves a local time skipped by daylight saving to the next one that exists', () => {
    // 02:30 does not exist in Paris on 28 March 2027.
    const skipped = releaseInstant('2027-03-22', release('week 1, sunday 02:30'), 'Europe/Paris');
    expect(skipped.setZone('Europe/Paris').toFormat('yyyy-LL-dd HH:mm')).toBe('2027-03-28 03:30');
  });

  it('computes a relative deadline in the participant local calendar', () => {
    const zone = 'Indian/Antananarivo';
    const released = releaseInstant(phaseStart, monday9, zone);
    const due = deadlineInstant(phaseStart, deadline('release + 6d at 23:59'), released, zone);
    expect(due.setZone(zone).toFormat('cccc yyyy-LL-dd HH:mm')).toBe('Sunday 2027-01-31 23:59');
    const inHours = deadlineInstant(phaseStart, deadline('release + 48h'), released, zone);
    expect(inHours.diff(released, 'hours').hours).toBe(48);
  });

  it('computes a week-rule deadline independently of the release', () => {
    const zone = 'Africa/Tunis';
    const released = releaseInstant(phaseStart, monday9, zone);
    const due = deadlineInstant(phaseStart, deadline('week 3, sunday 23:59'), released, zone);
    expect(due.toISO()).toBe(DateTime.fromISO('2027-01-31T23:59', { zone }).toUTC().toISO());
  });
});
