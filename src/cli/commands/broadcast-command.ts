import { describeSegment, segmentFilterSchema } from '../../domain/segment.ts';
import type { Language } from '../../domain/programme/language.ts';
import {
  broadcastDeliveryReport,
  DELIVERY_BUCKETS,
  type DeliveryCounts,
} from '../../store/broadcasts/broadcast-delivery-report.ts';
import type { Database } from '../../store/database.ts';
import { listBroadcasts } from '../../store/broadcasts/list-broadcasts.ts';
import { loadSegmentChoices } from '../../store/programmes/load-segment-choices.ts';
import type { Output } from '../output.ts';

/** `compagnon broadcast list`: one line per broadcast, newest first, with its delivery counts. */
export async function runBroadcastList(
  options: { programme?: string },
  deps: { db: Database; out: Output },
): Promise<void> {
  const broadcasts = await listBroadcasts(deps.db, options.programme ? { programme: options.programme } : {});
  if (broadcasts.length === 0) {
    deps.out.info(options.programme ? `no broadcast for programme "${options.programme}"` : 'no broadcast yet');
    return;
  }
  for (const broadcast of broadcasts) {
    const text = broadcast.texts[broadcast.defaultLanguage as Language] ?? Object.values(broadcast.texts)[0] ?? '';
    deps.out.info(
      `${broadcast.id}  ${broadcast.status.padEnd(9)}  ${utc(broadcast.scheduledAt)}  ${broadcast.programmeKey}  ${formatCounts(broadcast.counts)}  "${excerpt(text)}"`,
    );
  }
}

/** `compagnon broadcast report <id>`: where each message of a broadcast stands, and who it did not reach. */
export async function runBroadcastReport(broadcastId: string, deps: { db: Database; out: Output }): Promise<void> {
  const report = await broadcastDeliveryReport(deps.db, broadcastId);
  const { broadcast, counts } = report;
  deps.out.info(
    `broadcast ${broadcast.id}: ${broadcast.status}, scheduled ${utc(broadcast.scheduledAt)}` +
      (broadcast.fannedOutAt ? `, fanned out ${utc(broadcast.fannedOutAt)}` : ''),
  );
  deps.out.info(`audience: ${await audience(deps.db, broadcast.programmeId, broadcast.filter)}`);
  deps.out.info(`messages: ${formatCounts(counts)}`);
  for (const [channel, channelCounts] of Object.entries(report.byChannel))
    deps.out.info(`  ${channel}: ${formatCounts(channelCounts)}`);
  if (report.problems.length > 0) {
    deps.out.info('not delivered:');
    for (const problem of report.problems) {
      deps.out.info(
        `  ${problem.name ?? '(no name)'} (${problem.personId}) on ${problem.channel}: ${problem.status}, ${problem.error ?? 'no reason given'}`,
      );
    }
    const notShown = report.problemCount - report.problems.length;
    if (notShown > 0) deps.out.info(`  … and ${notShown} more, not listed (the counts above include them)`);
  }
}

/** "total 5: queued 1, sent 1, delivered 1, read 1, failed 1, skipped 0" */
function formatCounts(counts: DeliveryCounts): string {
  return `total ${counts.total}: ${DELIVERY_BUCKETS.map((bucket) => `${bucket} ${counts[bucket]}`).join(', ')}`;
}

function utc(at: Date | null): string {
  return at ? `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '(not scheduled)';
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 40 ? `${line.slice(0, 39)}…` : line;
}

async function audience(db: Database, programmeId: string, stored: unknown): Promise<string> {
  const filter = segmentFilterSchema.safeParse(stored);
  if (!filter.success) return JSON.stringify(stored);
  const { cohorts, hubs } = await loadSegmentChoices(db, programmeId);
  return describeSegment(
    filter.data,
    {
      cohorts: Object.fromEntries(cohorts.map((c) => [c.id, c.key])),
      hubs: Object.fromEntries(hubs.map((h) => [h.id, h.name.en ?? h.key])),
    },
    'en',
  );
}
