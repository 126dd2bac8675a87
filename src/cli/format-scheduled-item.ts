import { DateTime } from 'luxon';
import { formatDuration } from '../domain/duration.ts';
import type { ScheduledItem } from '../store/programmes/preview-schedule.ts';

/** One line of the command line's preview: UTC instant, local time with its zone, who, what. */
export function formatScheduledItem(item: ScheduledItem): string {
  const local = DateTime.fromJSDate(item.at, { zone: item.timeZone }).toFormat('yyyy-LL-dd HH:mm');
  return `${item.at.toISOString().slice(0, 16).replace('T', ' ')} UTC  ${local} ${item.timeZone.padEnd(20)}  ${item.who ?? audience(item.what)}: ${describe(item.what)}${offline(item)}`;
}

/** What an offline period to come does to the line: a release waits for its end, a reminder is dropped. */
function offline(item: ScheduledItem): string {
  if (item.offlineUntil === undefined) return '';
  if (item.what.kind === 'reminder') return ' [offline: not sent]';
  const until = item.offlineUntil ? `${item.offlineUntil.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'resumed';
  return ` [offline: waits until ${until}]`;
}

/** Who a message with no named recipient goes to: worked out when it is sent. */
function audience(what: ScheduledItem['what']): string {
  return what.kind === 'session_announcement' || what.kind === 'session_reminder'
    ? 'invited (evaluated when sent)'
    : 'segment (evaluated when sent)';
}

function describe(what: ScheduledItem['what']): string {
  switch (what.kind) {
    case 'release':
      return `release ${what.exerciseKey} (${what.title})`;
    case 'reminder':
      return `reminder ${what.exerciseKey} (due ${what.dueAt.toISOString()})`;
    case 'broadcast':
      return `broadcast ${what.broadcastId}`;
    case 'session_announcement':
    case 'session_reminder': {
      const start = DateTime.fromJSDate(what.startsAt, { zone: what.venueTimeZone }).toFormat('yyyy-LL-dd HH:mm');
      const session = `session ${what.sessionKey} at ${what.venueKey} (${what.title}, starts ${start} ${what.venueTimeZone})`;
      if (what.kind === 'session_reminder') return `reminder ${session}, ${formatDuration(what.minutesBefore)} before`;
      return `announcement ${session}${what.atOnce ? ', as soon as the scheduler runs (no announcement date)' : ''}`;
    }
  }
}
