import { describe, expect, it } from 'vitest';
import {
  formatDueOn,
  milestoneDueOn,
  milestoneMessageKind,
  milestoneTimes,
  nextMilestoneMessage,
} from '../../src/domain/milestone-schedule.ts';
import { milestoneTitleIn, milestoneTitles } from '../../src/domain/milestone-title.ts';

const DAY = 1440;
const QUIET = { from: '21:00', to: '07:00' };

describe('milestone schedule', () => {
  it('dates a milestone from the assignment day in the participant zone', () => {
    const assignedAt = new Date('2027-01-15T22:30:00Z');
    expect(milestoneDueOn(assignedAt, 'Indian/Antananarivo', 28 * DAY)).toBe('2027-02-13');
    expect(milestoneDueOn(assignedAt, 'Africa/Abidjan', 28 * DAY)).toBe('2027-02-12');
  });

  it('counts whole days on the calendar across a change to summer time', () => {
    // 23:30 in Paris on 20 March; summer time starts on 28 March.
    expect(milestoneDueOn(new Date('2027-03-20T22:30:00Z'), 'Europe/Paris', 14 * DAY)).toBe('2027-04-03');
  });

  it('reminds at 09:00 local on the day of each offset, and follows up after the end of the date, out of quiet hours', () => {
    const times = milestoneTimes(
      '2027-02-13',
      'Indian/Antananarivo',
      { reminderOffsetsMinutes: [0, 3 * DAY], followUpAfterMinutes: DAY },
      QUIET,
    );
    expect(times.reminders.map((d) => d.toISOString())).toEqual([
      '2027-02-10T06:00:00.000Z',
      '2027-02-13T06:00:00.000Z',
    ]);
    expect(times.endOfDueOn.toISOString()).toBe('2027-02-13T21:00:00.000Z');
    // Midnight on the 15th is quiet: 07:00 local.
    expect(times.followUpAt.toISOString()).toBe('2027-02-15T04:00:00.000Z');
    const noisy = milestoneTimes(
      '2027-02-13',
      'Indian/Antananarivo',
      { reminderOffsetsMinutes: [], followUpAfterMinutes: 12 * 60 },
      null,
    );
    expect(noisy.followUpAt.toISOString()).toBe('2027-02-14T09:00:00.000Z');
  });

  it('goes reminder by reminder, then to the follow-up, then stops', () => {
    const times = milestoneTimes(
      '2027-02-13',
      'Africa/Abidjan',
      { reminderOffsetsMinutes: [7 * DAY, DAY], followUpAfterMinutes: DAY },
      QUIET,
    );
    expect(nextMilestoneMessage(times, new Date('2027-01-15T10:00:00Z'))?.toISOString()).toBe(
      '2027-02-06T09:00:00.000Z',
    );
    expect(nextMilestoneMessage(times, new Date('2027-02-06T09:00:00Z'))?.toISOString()).toBe(
      '2027-02-12T09:00:00.000Z',
    );
    expect(nextMilestoneMessage(times, new Date('2027-02-12T09:00:00Z'))?.toISOString()).toBe(
      '2027-02-15T07:00:00.000Z',
    );
    expect(nextMilestoneMessage(times, new Date('2027-02-15T07:00:00Z'))).toBeNull();
    // Assigned two days before the date: the first reminder left is the one-day one.
    expect(nextMilestoneMessage(times, new Date('2027-02-11T12:00:00Z'))?.toISOString()).toBe(
      '2027-02-12T09:00:00.000Z',
    );
  });

  it('sends no reminder once the date has passed, and the follow-up only when it is due', () => {
    const times = milestoneTimes(
      '2027-02-13',
      'Africa/Abidjan',
      { reminderOffsetsMinutes: [3 * DAY], followUpAfterMinutes: DAY },
      QUIET,
    );
    expect(milestoneMessageKind(times, new Date('2027-02-13T23:59:00Z'))).toBe('reminder');
    expect(milestoneMessageKind(times, new Date('2027-02-14T10:00:00Z'))).toBe('none');
    expect(milestoneMessageKind(times, new Date('2027-02-15T07:00:00Z'))).toBe('follow_up');
  });

  it('writes the date as people read it', () => {
    expect(formatDueOn('2027-02-13', 'fr')).toBe('samedi 13 février 2027');
    expect(formatDueOn('2027-03-01', 'fr')).toBe('lundi 1er mars 2027');
    expect(formatDueOn('2027-02-13', 'en')).toBe('Saturday 13 February 2027');
  });

  it("gives each reader the programme's title in their language, only while the programme still has that milestone", () => {
    const definitions = [
      { title: { fr: 'Premier jalon', en: 'First milestone' } },
      { title: { fr: 'Bilan', en: 'Review' } },
    ];
    const given = { position: 1, title: 'First milestone' };
    const titled = { ...given, titles: milestoneTitles(given, definitions) };
    expect([milestoneTitleIn(titled, 'fr'), milestoneTitleIn(titled, 'en')]).toEqual([
      'Premier jalon',
      'First milestone',
    ]);
    // Renamed or moved in the programme since, or no action plan any more: the title it was given.
    const renamed = { position: 2, title: 'First milestone' };
    expect(milestoneTitleIn({ ...renamed, titles: milestoneTitles(renamed, definitions) }, 'fr')).toBe(
      'First milestone',
    );
    expect(milestoneTitleIn({ ...given, titles: milestoneTitles(given, undefined) }, 'fr')).toBe('First milestone');
  });
});
