import { DateTime } from 'luxon';
import type { ScheduledItem } from '../store/programmes/preview-schedule.ts';

/** One line of the command line's preview: UTC instant, local time with its zone, who, what. */
export function formatScheduledItem(item: ScheduledItem): string {
  const local = DateTime.fromJSDate(item.at, { zone: item.timeZone }).toFormat('yyyy-LL-dd HH:mm');
  const { what } = item;
  const description =
    what.kind === 'release'
      ? `release ${what.exerciseKey} (${what.title})`
      : what.kind === 'reminder'
        ? `reminder ${what.exerciseKey} (due ${what.dueAt.toISOString()})`
        : `broadcast ${what.broadcastId}`;
  return `${item.at.toISOString().slice(0, 16).replace('T', ' ')} UTC  ${local} ${item.timeZone.padEnd(20)}  ${item.who ?? 'segment (evaluated when sent)'}: ${description}`;
}
