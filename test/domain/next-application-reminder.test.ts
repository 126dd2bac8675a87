import { describe, expect, it } from 'vitest';
import { nextApplicationReminder } from '../../src/domain/applications/next-application-reminder.ts';

const closesAt = new Date('2027-02-05T23:59:00Z');
const day = 24 * 60;

describe('nextApplicationReminder', () => {
  it('gives the soonest reminder still to come', () => {
    expect(nextApplicationReminder(closesAt, [day, 3 * day], new Date('2027-01-20T00:00:00Z'))).toEqual(
      new Date('2027-02-02T23:59:00Z'),
    );
    expect(nextApplicationReminder(closesAt, [day, 3 * day], new Date('2027-02-03T00:00:00Z'))).toEqual(
      new Date('2027-02-04T23:59:00Z'),
    );
  });

  it('gives none once every reminder has passed or without reminders', () => {
    expect(nextApplicationReminder(closesAt, [day], new Date('2027-02-05T00:00:00Z'))).toBeNull();
    expect(nextApplicationReminder(closesAt, [], new Date('2027-01-01T00:00:00Z'))).toBeNull();
  });
});
