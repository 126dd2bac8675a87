import { describe, expect, it } from 'vitest';
import { localDateTimeInstant, localDateTimeValue } from '../../src/domain/sessions/session-local-time.ts';

/** Local date-times typed in the session form, read in a venue's zone. */
describe('a session hour typed in a zone', () => {
  it('reads 09:00 in each hub of the workshop week as its own instant', () => {
    expect(localDateTimeInstant('2027-03-09T09:00', 'Indian/Antananarivo')).toEqual({
      ok: true,
      instant: new Date('2027-03-09T06:00:00Z'),
    });
    expect(localDateTimeInstant('2027-03-09T09:00', 'Africa/Tunis')).toEqual({
      ok: true,
      instant: new Date('2027-03-09T08:00:00Z'),
    });
  });

  it('refuses an hour Paris skips when its clocks go forward, and an unreadable one', () => {
    expect(localDateTimeInstant('2027-03-28T02:30', 'Europe/Paris')).toEqual({ ok: false, reason: 'nonexistent' });
    expect(localDateTimeInstant('2027-03-28T03:00', 'Europe/Paris')).toEqual({
      ok: true,
      instant: new Date('2027-03-28T01:00:00Z'),
    });
    expect(localDateTimeInstant('2027-02-30T09:00', 'Europe/Paris')).toEqual({ ok: false, reason: 'unreadable' });
    expect(localDateTimeInstant('demain 9h', 'Europe/Paris')).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('shows an instant back as the form writes it, in the venue zone', () => {
    expect(localDateTimeValue(new Date('2027-03-09T06:00:00Z'), 'Indian/Antananarivo')).toBe('2027-03-09T09:00');
  });
});
