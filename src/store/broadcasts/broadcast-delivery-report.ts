import { CHANNEL_NAMES, type ChannelName } from '../../domain/inbound-event.ts';
import type { Language } from '../../domain/programme/language.ts';
import type { Database } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import type { BroadcastStatus, OutboundStatus } from '../generated/enums.ts';

/** Where a broadcast's messages are, as staff think of it. */
export const DELIVERY_BUCKETS = ['queued', 'sent', 'delivered', 'read', 'failed', 'skipped'] as const;
type DeliveryBucket = (typeof DELIVERY_BUCKETS)[number];

/**
 * Outbox statuses by bucket. "held" (WhatsApp window closed: a template went instead) and
 * "sending" have not reached the person yet, so they count as queued; "skipped" is a person who
 * stopped, erased their data or cannot be reached on that channel any more.
 */
export const BUCKET_OF: Record<OutboundStatus, DeliveryBucket> = {
  queued: 'queued',
  held: 'queued',
  sending: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  skipped: 'skipped',
};

export type DeliveryCounts = Record<DeliveryBucket, number> & { total: number };

interface DeliveryProblem {
  personId: string;
  name: string | null;
  channel: ChannelName;
  status: 'failed' | 'skipped';
  error: string | null;
  at: Date;
}

export interface BroadcastDeliveryReport {
  broadcast: {
    id: string;
    programmeId: string;
    status: BroadcastStatus;
    scheduledAt: Date | null;
    fannedOutAt: Date | null;
    createdAt: Date;
    createdBy: string | null;
    texts: Partial<Record<Language, string>>;
    /** The zone the times in the texts are in; null for the programme's. */
    timesZone: string | null;
    filter: unknown;
  };
  counts: DeliveryCounts;
  byChannel: Partial<Record<ChannelName, DeliveryCounts>>;
  /**
   * Messages that did not reach their recipient, with the platform's or the sender's reason: the
   * first `problemLimit` of them (a broadcast to thousands can fail for thousands).
   */
  problems: DeliveryProblem[];
  /** How many messages did not reach their recipient in all (failed and skipped). */
  problemCount: number;
}

/** Problems listed in a report unless the caller asks for another number; the counts cover them all. */
export const DELIVERY_PROBLEMS_SHOWN = 200;

export function emptyCounts(): DeliveryCounts {
  return { queued: 0, sent: 0, delivered: 0, read: 0, failed: 0, skipped: 0, total: 0 };
}

/**
 * Where a broadcast's messages stand: counts by bucket and by channel, and who it did not reach
 * and why (the first `problemLimit`, oldest first).
 */
export async function broadcastDeliveryReport(
  db: Database,
  broadcastId: string,
  options: { problemLimit?: number } = {},
): Promise<BroadcastDeliveryReport> {
  const broadcast = await db.broadcast.findUnique({
    where: { id: broadcastId },
    include: { segment: { select: { filter: true } }, createdBy: { select: { displayName: true } } },
  });
  if (!broadcast) throw new NotFoundError(`no broadcast has the id "${broadcastId}"`);
  const groups = await db.outboundMessage.groupBy({
    by: ['channel', 'status'],
    where: { broadcastId },
    _count: { _all: true },
  });
  const counts = emptyCounts();
  const byChannel: Partial<Record<ChannelName, DeliveryCounts>> = {};
  for (const group of groups) {
    const bucket = BUCKET_OF[group.status];
    const n = group._count._all;
    const channel = (byChannel[group.channel] ??= emptyCounts());
    counts[bucket] += n;
    counts.total += n;
    channel[bucket] += n;
    channel.total += n;
  }
  const failed = await db.outboundMessage.findMany({
    where: { broadcastId, status: { in: ['failed', 'skipped'] } },
    orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
    take: options.problemLimit ?? DELIVERY_PROBLEMS_SHOWN,
    select: {
      personId: true,
      channel: true,
      status: true,
      lastError: true,
      failedAt: true,
      updatedAt: true,
      person: { select: { displayName: true } },
    },
  });
  return {
    broadcast: {
      id: broadcast.id,
      programmeId: broadcast.programmeId,
      status: broadcast.status,
      scheduledAt: broadcast.scheduledAt,
      fannedOutAt: broadcast.fannedOutAt,
      createdAt: broadcast.createdAt,
      createdBy: broadcast.createdBy?.displayName ?? null,
      texts: broadcast.texts as Partial<Record<Language, string>>,
      timesZone: broadcast.timesZone,
      filter: broadcast.segment.filter,
    },
    counts,
    // In a stable order, so reports read the same each time.
    byChannel: Object.fromEntries(CHANNEL_NAMES.filter((c) => byChannel[c]).map((c) => [c, byChannel[c]!])),
    problems: failed.map((row) => ({
      personId: row.personId,
      name: row.person.displayName,
      channel: row.channel,
      status: row.status as 'failed' | 'skipped',
      error: row.lastError,
      at: row.failedAt ?? row.updatedAt,
    })),
    problemCount: counts.failed + counts.skipped,
  };
}
