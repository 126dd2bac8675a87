import { describe, expect, it } from 'vitest';
import { milestoneDueOn, planStartsAt } from '../../src/domain/milestone-schedule.ts';

const FOUR_WEEKS = 28 * 1440;

describe("the day an action plan counts from, in the participant's zone", () => {
  it("waits for the programme's start when the mentor is assigned before it", () => {
    const assignedAt = new Date('2026-12-30T10:00:00Z');
    const starts = planStartsAt(assignedAt, 'Indian/Antananarivo', { programme: '2027-03-15' });
    // Midnight on 15 March in Antananarivo (UTC+3).
    expect(starts.toISOString()).toBe('2027-03-14T21:00:00.000Z');
    expect(milestoneDueOn(starts, 'Indian/Antananarivo', FOUR_WEEKS)).toBe('2027-04-12');
  });

  it('counts from the assignment, in local time, once the programme has started', () => {
    // 22:30 UTC on 20 March is already the 21st in Antananarivo.
    const assignedAt = new Date('2027-03-20T22:30:00Z');
    const starts = planStartsAt(assignedAt, 'Indian/Antananarivo', { programme: '2027-03-15' });
    expect(starts).toEqual(assignedAt);
    expect(milestoneDueOn(starts, 'Indian/Antananarivo', FOUR_WEEKS)).toBe('2027-04-18');
  });

  it('takes the day staff chose, even before the programme start, across a change to summer time', () => {
    const starts = planStartsAt(new Date('2026-12-30T10:00:00Z'), 'Europe/Paris', {
      chosen: '2027-03-01',
      programme: '2027-03-15',
    });
    expect(starts.toISOString()).toBe('2027-02-28T23:00:00.000Z');
    // Paris moves to summer time on 28 March: the date stays four calendar weeks on.
    expect(milestoneDueOn(starts, 'Europe/Paris', FOUR_WEEKS)).toBe('2027-03-29');
  });

  it('counts from the assignment when the programme names no start', () => {
    const assignedAt = new Date('2026-12-30T10:00:00Z');
    expect(planStartsAt(assignedAt, 'Africa/Abidjan', { programme: null })).toEqual(assignedAt);
  });
});
