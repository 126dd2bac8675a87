import { describe, expect, it } from 'vitest';
import { nextReminder, planSubmission } from '../../src/domain/plan-submission.ts';

const week3 = {
  phaseStartsOn: '2027-01-11',
  releaseRule: 'week 3, monday 09:00',
  deadlineRule: 'week 3, sunday 23:59',
  reminderOffsets: [2880, 360],
};

describe('planning a submission in the participant local time', () => {
  it.each([
    ['Africa/Abidjan', '2027-01-25T09:00:00.000Z', '2027-01-31T23:59:00.000Z'],
    ['Africa/Tunis', '2027-01-25T08:00:00.000Z', '2027-01-31T22:59:00.000Z'],
    ['Africa/Lubumbashi', '2027-01-25T07:00:00.000Z', '2027-01-31T21:59:00.000Z'],
    ['Indian/Antananarivo', '2027-01-25T06:00:00.000Z', '2027-01-31T20:59:00.000Z'],
  ])('%s', (zone, release, deadline) => {
    const plan = planSubmission(week3, zone);
    expect(plan.releaseAt.toISOString()).toBe(release);
    expect(plan.deadlineAt.toISOString()).toBe(deadline);
    // First reminder 48 hours before the deadline.
    expect(plan.nextReminderAt?.getTime()).toBe(plan.deadlineAt.getTime() - 48 * 3600_000);
  });

  it('keeps 09:00 in Paris across the daylight-saving change', () => {
    const spring = {
      phaseStartsOn: '2027-03-15',
      releaseRule: 'week 2, monday 09:00',
      deadlineRule: 'release + 6d at 23:59',
      reminderOffsets: [],
    };
    expect(planSubmission(spring, 'Europe/Paris').releaseAt.toISOString()).toBe('2027-03-22T08:00:00.000Z');
    expect(
      planSubmission({ ...spring, releaseRule: 'week 3, monday 09:00' }, 'Europe/Paris').releaseAt.toISOString(),
    ).toBe('2027-03-29T07:00:00.000Z');
  });

  it('gives the next reminder after a given instant, and none after the last', () => {
    const deadline = new Date('2027-01-31T23:59:00Z');
    expect(nextReminder(deadline, [2880, 360], new Date('2027-01-30T00:00:00Z'))?.toISOString()).toBe(
      '2027-01-31T17:59:00.000Z',
    );
    expect(nextReminder(deadline, [2880, 360], new Date('2027-01-31T18:00:00Z'))).toBeNull();
  });
});
