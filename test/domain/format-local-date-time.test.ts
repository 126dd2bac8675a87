import { describe, expect, it } from 'vitest';
import { formatLocalDateTime } from '../../src/domain/format-local-date-time.ts';

describe("showing an instant in a person's zone and language", () => {
  // Monday 25 January 2027, 08:00 UTC: winter, Paris is UTC+1.
  const winter = new Date('2027-01-25T08:00:00Z');

  it.each([
    ['Africa/Abidjan', 'lundi 25 janvier 2027, 08:00', 'Monday 25 January 2027, 08:00'],
    ['Africa/Tunis', 'lundi 25 janvier 2027, 09:00', 'Monday 25 January 2027, 09:00'],
    ['Africa/Lubumbashi', 'lundi 25 janvier 2027, 10:00', 'Monday 25 January 2027, 10:00'],
    ['Indian/Antananarivo', 'lundi 25 janvier 2027, 11:00', 'Monday 25 January 2027, 11:00'],
    ['Europe/Paris', 'lundi 25 janvier 2027, 09:00', 'Monday 25 January 2027, 09:00'],
  ])('in %s', (zone, fr, en) => {
    expect(formatLocalDateTime(winter, zone, 'fr')).toBe(fr);
    expect(formatLocalDateTime(winter, zone, 'en')).toBe(en);
  });

  it('follows daylight saving in Paris but not in the hubs', () => {
    const summer = new Date('2027-06-14T08:00:00Z');
    expect(formatLocalDateTime(summer, 'Europe/Paris', 'fr')).toBe('lundi 14 juin 2027, 10:00');
    expect(formatLocalDateTime(summer, 'Africa/Tunis', 'fr')).toBe('lundi 14 juin 2027, 09:00');
    expect(formatLocalDateTime(summer, 'Africa/Abidjan', 'en')).toBe('Monday 14 June 2027, 08:00');
  });

  it('moves to the next day when the zone is already past midnight', () => {
    const lateEvening = new Date('2027-01-24T22:30:00Z');
    expect(formatLocalDateTime(lateEvening, 'Africa/Abidjan', 'fr')).toBe('dimanche 24 janvier 2027, 22:30');
    expect(formatLocalDateTime(lateEvening, 'Indian/Antananarivo', 'fr')).toBe('lundi 25 janvier 2027, 01:30');
    expect(formatLocalDateTime(lateEvening, 'Indian/Antananarivo', 'en')).toBe('Monday 25 January 2027, 01:30');
  });

  it('writes the first of the month the French way', () => {
    const first = new Date('2027-02-01T09:00:00Z');
    expect(formatLocalDateTime(first, 'Africa/Abidjan', 'fr')).toBe('lundi 1er février 2027, 09:00');
    expect(formatLocalDateTime(first, 'Africa/Abidjan', 'en')).toBe('Monday 1 February 2027, 09:00');
  });

  it('refuses an unknown time zone', () => {
    expect(() => formatLocalDateTime(new Date(), 'Africa/Atlantis', 'fr')).toThrow(RangeError);
  });
});
