import { DateTime } from 'luxon';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { ScheduledItem } from '../../store/programmes/preview-schedule.ts';

/** People who get the same thing at the same instant, in the same place (one zone, one hub). */
export interface ScheduleMoment {
  at: Date;
  timeZone: string;
  hub: LocalizedText | null;
  /** Their names; empty for a broadcast or a session's message, whose audience is worked out when it is sent. */
  who: string[];
  /** For a session's message: the start at this moment's venue. */
  sessionStartsAt?: Date;
  /** Its people are offline then: a release waits for this end (null: until resumed), a reminder is dropped. */
  offlineUntil?: Date | null;
}

/**
 * One thing sent on a day (an exercise's release, its reminder, a broadcast, a session's
 * announcement or reminder), to everyone it goes to.
 */
export interface ScheduleGroup {
  what: ScheduledItem['what'];
  moments: ScheduleMoment[];
  /** How many people it goes to (0 for a broadcast or a session's message). */
  count: number;
}

/** A day of the schedule (each person's own local day), and what goes out on it. */
export interface ScheduleDay {
  /** yyyy-mm-dd. */
  date: string;
  groups: ScheduleGroup[];
}

/**
 * The schedule by day and by what is sent, rather than one row per person: a release at 09:00
 * local time is one group that day, its moments the hubs' 09:00s. Days and groups come in the
 * order of their first message (`items` are sorted by time).
 */
export function groupSchedule(items: ScheduledItem[]): ScheduleDay[] {
  const days = new Map<string, Map<string, ScheduleGroup>>();
  for (const item of items) {
    const date = DateTime.fromJSDate(item.at, { zone: item.timeZone }).toISODate()!;
    const groups = days.get(date) ?? new Map<string, ScheduleGroup>();
    days.set(date, groups);
    const { what } = item;
    const groupKey = keyOf(what);
    const group = groups.get(groupKey) ?? { what, moments: [], count: 0 };
    groups.set(groupKey, group);
    const hubName = JSON.stringify(item.hub);
    let moment = group.moments.find(
      (m) =>
        m.at.getTime() === item.at.getTime() &&
        m.timeZone === item.timeZone &&
        JSON.stringify(m.hub) === hubName &&
        m.offlineUntil?.getTime() === item.offlineUntil?.getTime() &&
        (m.offlineUntil === undefined) === (item.offlineUntil === undefined),
    );
    if (!moment) {
      moment = { at: item.at, timeZone: item.timeZone, hub: item.hub, who: [] };
      if (item.offlineUntil !== undefined) moment.offlineUntil = item.offlineUntil;
      if (what.kind === 'session_announcement' || what.kind === 'session_reminder')
        moment.sessionStartsAt = what.startsAt;
      group.moments.push(moment);
    }
    if (item.who !== null) {
      moment.who.push(item.who);
      group.count += 1;
    }
  }
  return [...days].map(([date, groups]) => ({ date, groups: [...groups.values()] }));
}

/** What makes two items one group: the same exercise, broadcast, or session announcement or reminder. */
function keyOf(what: ScheduledItem['what']): string {
  switch (what.kind) {
    case 'broadcast':
      return `broadcast ${what.broadcastId}`;
    case 'session_announcement':
      return `${what.kind} ${what.sessionKey}`;
    case 'session_reminder':
      return `${what.kind} ${what.sessionKey} ${what.minutesBefore}`;
    default:
      return `${what.kind} ${what.exerciseKey}`;
  }
}

/** The days up to and including the one of the `count`-th release; all of them when fewer are planned. */
export function upToReleases(days: ScheduleDay[], count: number): { days: ScheduleDay[]; releases: number } {
  let releases = 0;
  for (const [index, day] of days.entries()) {
    releases += day.groups.filter((group) => group.what.kind === 'release').length;
    if (releases >= count) return { days: days.slice(0, index + 1), releases };
  }
  return { days, releases };
}
