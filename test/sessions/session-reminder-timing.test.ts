import { describe, expect, it } from 'vitest';
import { sessionReminderInstant, timeUntilStart } from '../../src/domain/sessions/session-reminder-timing.ts';

const QUIET = { from: '21:00', to: '07:00' };
const at = (iso: string) => new Date(iso);

/** When a session reminder goes, and how it says how long until the start. */
describe('session reminder timing', () => {
  it('says how long until the start as a person would', () => {
    const start = at('2027-03-09T09:00:00Z');
    const zone = 'Africa/Abidjan';
    expect(timeUntilStart(at('2027-03-08T09:00:00Z'), start, zone)).toEqual({ kind: 'tomorrow', time: '09:00' });
    expect(timeUntilStart(at('2027-03-09T07:00:00Z'), start, zone)).toEqual({ kind: 'hours', count: 2 });
    expect(timeUntilStart(at('2027-03-09T08:00:00Z'), start, zone)).toEqual({ kind: 'hours', count: 1 });
    expect(timeUntilStart(at('2027-03-09T08:15:00Z'), start, zone)).toEqual({ kind: 'minutes', count: 45 });
    expect(timeUntilStart(at('2027-03-09T01:00:00Z'), start, zone)).toEqual({ kind: 'today', time: '09:00' });
    expect(timeUntilStart(at('2027-03-06T09:00:00Z'), start, zone)).toEqual({ kind: 'days', count: 3 });
  });

  it('reads "tomorrow" by the calendar of the person, not the venue', () => {
    // 14:00 in Paris on 7 April is 15:00 in Antananarivo; at 22:00 UTC the day before it is already the 7th there.
    const start = at('2027-04-07T12:00:00Z');
    expect(timeUntilStart(at('2027-04-06T12:00:00Z'), start, 'Indian/Antananarivo')).toEqual({
      kind: 'tomorrow',
      time: '15:00',
    });
    expect(timeUntilStart(at('2027-04-06T22:00:00Z'), start, 'Indian/Antananarivo')).toEqual({
      kind: 'today',
      time: '15:00',
    });
  });

  it('waits for the end of the quiet hours, unless that would bring the reminder at or past the start', () => {
    // 02:00 in Antananarivo (23:00 UTC), a session at 16:00 there: the reminder waits until 07:00.
    expect(
      sessionReminderInstant(at('2027-04-06T23:00:00Z'), at('2027-04-07T13:00:00Z'), QUIET, 'Indian/Antananarivo'),
    ).toEqual(at('2027-04-07T04:00:00Z'));
    // 06:00 there, a workshop at 07:00: waiting until 07:00 would be the start itself, so it goes now.
    expect(
      sessionReminderInstant(at('2027-03-09T03:00:00Z'), at('2027-03-09T04:00:00Z'), QUIET, 'Indian/Antananarivo'),
    ).toEqual(at('2027-03-09T03:00:00Z'));
    expect(sessionReminderInstant(at('2027-03-09T03:00:00Z'), at('2027-03-09T04:00:00Z'), null, 'UTC')).toEqual(
      at('2027-03-09T03:00:00Z'),
    );
  });
});
