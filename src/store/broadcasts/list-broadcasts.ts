import type { Language } from '../../domain/programme/language.ts';
import { BUCKET_OF, emptyCounts, type DeliveryCounts } from './broadcast-delivery-report.ts';
import type { Database } from '../database.ts';
import type { BroadcastStatus } from '../generated/enums.ts';

export interface BroadcastSummary {
  id: string;
  programmeId: string;
  programmeKey: string;
  /** The programme's first language, the one its texts are written in first. */
  defaultLanguage: string;
  status: BroadcastStatus;
  scheduledAt: Date | null;
  fannedOutAt: Date | null;
  createdAt: Date;
  createdBy: string | null;
  texts: Partial<Record<Language, string>>;
  filter: unknown;
  counts: DeliveryCounts;
}

/**
 * Broadcasts, newest first, each with its delivery counts. `programmeIds` narrows them to the
 * programmes a viewer may see; `programme` to one programme by id or key.
 */
export async function listBroadcasts(
  db: Database,
  options: { programmeIds?: string[]; programme?: string; limit?: number } = {},
): Promise<BroadcastSummary[]> {
  const rows = await db.broadcast.findMany({
    where: {
      ...(options.programmeIds && { programmeId: { in: options.programmeIds } }),
      ...(options.programme && { programme: { OR: [{ id: options.programme }, { key: options.programme }] } }),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: options.limit ?? 200,
    include: {
      programme: { select: { key: true, defaultLocale: true } },
      segment: { select: { filter: true } },
      createdBy: { select: { displayName: true } },
    },
  });
  const groups =
    rows.length === 0
      ? []
      : await db.outboundMessage.groupBy({
          by: ['broadcastId', 'status'],
          where: { broadcastId: { in: rows.map((r) => r.id) } },
          _count: { _all: true },
        });
  const counts = new Map<string, DeliveryCounts>();
  for (const group of groups) {
    const entry = counts.get(group.broadcastId!) ?? emptyCounts();
    entry[BUCKET_OF[group.status]] += group._count._all;
    entry.total += group._count._all;
    counts.set(group.broadcastId!, entry);
  }
  return rows.map((row) => ({
    id: row.id,
    programmeId: row.programmeId,
    programmeKey: row.programme.key,
    defaultLanguage: row.programme.defaultLocale,
    status: row.status,
    scheduledAt: row.scheduledAt,
    fannedOutAt: row.fannedOutAt,
    createdAt: row.createdAt,
    createdBy: row.createdBy?.displayName ?? null,
    texts: row.texts as Partial<Record<Language, string>>,
    filter: row.segment.filter,
    counts: counts.get(row.id) ?? emptyCounts(),
  }));
}
