import { describe, expect, it } from 'vitest';
import { outsideQuietHours } from '../../src/domain/quiet-hours.ts';

const NIGHT = { from: '21:00', to: '07:00' };

describe('quiet hours', () => {
  it('holds a message due at night until the next morning, in the person local time', () => {
    // 22:30 in Antananarivo (UTC+3) is 19:30 UTC.
    expect(outsideQuietHours(new Date('2027-01-25T19:30:00Z'), NIGHT, 'Indian/Antananarivo').toISOString()).toBe(
      '2027-01-26T04:00:00.000Z',
    );
    // The same instant is 19:30 in Abidjan: not quiet there.
    expect(outsideQuietHours(new Date('2027-01-25T19:30:00Z'), NIGHT, 'Africa/Abidjan').toISOString()).toBe(
      '2027-01-25T19:30:00.000Z',
    );
  });

  it('holds a message due after midnight until the same morning', () => {
    // 02:00 in Tunis (UTC+1) is 01:00 UTC; 07:00 Tunis is 06:00 UTC.
    expect(outsideQuietHours(new Date('2027-01-26T01:00:00Z'), NIGHT, 'Africa/Tunis').toISOString()).toBe(
      '2027-01-26T06:00:00.000Z',
    );
  });

  it('lets through messages outside the quiet hours, at their limits too', () => {
    expect(outsideQuietHours(new Date('2027-01-26T07:00:00Z'), NIGHT, 'Africa/Abidjan').toISOString()).toBe(
      '2027-01-26T07:00:00.000Z',
    );
    expect(outsideQuietHours(new Date('2027-01-26T20:59:00Z'), NIGHT, 'Africa/Abidjan').toISOString()).toBe(
      '2027-01-26T20:59:00.000Z',
    );
    expect(outsideQuietHours(new Date('2027-01-26T21:00:00Z'), NIGHT, 'Africa/Abidjan').toISOString()).toBe(
      '2027-01-27T07:00:00.000Z',
    );
  });

  it('handles quiet hours within a day, and none at all', () => {
    const lunch = { from: '12:00', to: '14:00' };
    expect(outsideQuietHours(new Date('2027-01-26T12:30:00Z'), lunch, 'Africa/Abidjan').toISOString()).toBe(
      '2027-01-26T14:00:00.000Z',
    );
    expect(outsideQuietHours(new Date('2027-01-26T12:30:00Z'), null, 'Africa/Abidjan').toISOString()).toBe(
      '2027-01-26T12:30:00.000Z',
    );
  });

  it('keeps 07:00 local across a daylight-saving change', () => {
    // Paris moves to UTC+2 on 28 March 2027: 07:00 that morning is 05:00 UTC.
    expect(outsideQuietHours(new Date('2027-03-27T22:00:00Z'), NIGHT, 'Europe/Paris').toISOString()).toBe(
      '2027-03-28T05:00:00.000Z',
    );
  });
});
