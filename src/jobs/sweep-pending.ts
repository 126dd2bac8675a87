import { z } from 'zod';
import type { Logger } from '../logger.ts';
import type { Database } from '../store/database.ts';
import { recordSent } from '../store/outbox/outbox.ts';
import { STUCK_SENDING_MS } from './deliver-outbound.ts';
import { JOURNAL_ANNOUNCE_TTL_MS, type JobQueues } from './job-queues.ts';
import { defineJob } from './job-definition.ts';

/** Rows older than this with no progress are assumed to have lost their job (a crash, Redis down). */
const STALE_AFTER_MS = 30_000;
const BATCH = 1_000;
/** A message claimed this many times without being sent or given up fails: it would go round for ever. */
const MAX_CLAIMS = 10;

/**
 * Repairs what a crash or a Redis outage can leave behind: inbound events recorded but never
 * queued for handling, and outbox messages due but never queued for delivery. Job ids are
 * deterministic, so queueing what already is queued changes nothing. `staleAfterMs` and
 * `pattern` (how often it runs) are shortened by tests; deployments use the defaults.
 */
export function sweepPendingJob(options: { staleAfterMs?: number; pattern?: string } = {}) {
  const staleAfterMs = options.staleAfterMs ?? STALE_AFTER_MS;
  return defineJob({
    name: 'sweep-pending',
    payload: z.object({}),
    repeat: { pattern: options.pattern ?? '* * * * *', timeZone: 'UTC', payload: {} },
    handle: async (_payload, { db, queues, now, logger }) => {
      const staleBefore = new Date(now().getTime() - staleAfterMs);
      const events = await db.inboundEvent.findMany({
        where: { status: 'received', receivedAt: { lt: staleBefore } },
        orderBy: { receivedAt: 'asc' },
        take: BATCH,
        select: { id: true },
      });
      const queuedEvents = await eachItem(
        events,
        (event) => queues.handleInbound([event.id], { replaceFinished: true }),
        logger,
        'inbound event',
      );
      // Due for a while, not just now: a message written ahead (a release, quiet hours) has an
      // old updatedAt, and its job (maybe carrying others with it) is only now starting.
      const messages = await db.outboundMessage.findMany({
        where: { status: 'queued', plannedAt: { lt: staleBefore }, updatedAt: { lt: staleBefore } },
        orderBy: { plannedAt: 'asc' },
        take: BATCH,
        select: { id: true, plannedAt: true, channel: true, attempts: true },
      });
      const queuedMessages = await eachItem(
        messages,
        async (message) => {
          // Read again just before: a message claimed since the list was read (then sent, and its
          // job finished) must not get its job replaced, which would send it a second time.
          const fresh = await db.outboundMessage.findUnique({
            where: { id: message.id },
            select: { status: true, attempts: true },
          });
          if (fresh?.status !== 'queued' || fresh.attempts !== message.attempts) return false;
          await queues.deliverOutbound([message], now(), { replaceFinished: true });
        },
        logger,
        'outbox message',
      );
      const interrupted = await repairInterruptedSends(db, queues, now(), logger);
      const broadcasts = await db.broadcast.findMany({
        where: { status: 'scheduled', scheduledAt: { lte: now() } },
        select: { id: true, scheduledAt: true },
      });
      await eachItem(
        broadcasts,
        (b) => queues.fanOutBroadcasts([{ id: b.id, scheduledAt: b.scheduledAt ?? now() }], now()),
        logger,
        'broadcast',
      );
      if (events.length + messages.length + interrupted > 0) {
        logger.info({ events: queuedEvents, messages: queuedMessages, interrupted }, 'queued work that had no job');
      }
      return { events: queuedEvents, messages: queuedMessages, interrupted };
    },
  });
}

/** The sweep as deployed: every minute, for rows with no progress for 30 s. */
export const sweepPending = sweepPendingJob();

/**
 * Messages left "sending" by a job that will not come back to them: it gave up, or Redis lost it
 * (restarted without its data). A send the job kept (the platform took it, the record failed) is
 * recorded; one a worker's journal holds is left to that worker; any other is queued again: the
 * platform may have taken it just before the job died, and sending again risks a duplicate where
 * not sending is a loss. A job still waiting or running is left to finish. Nothing is repaired in
 * the first JOURNAL_ANNOUNCE_TTL_MS of a Redis's life, while workers announce their journals to
 * it. Returns how many were repaired.
 */
async function repairInterruptedSends(db: Database, queues: JobQueues, now: Date, logger: Logger): Promise<number> {
  // A Redis just restarted without its data has not heard yet from every worker holding sends in its journal.
  if ((await queues.redisUptimeMs()) < JOURNAL_ANNOUNCE_TTL_MS) return 0;
  const journaled = await queues.journaledMessages();
  const rows = await db.outboundMessage.findMany({
    where: { status: 'sending', updatedAt: { lt: new Date(now.getTime() - STUCK_SENDING_MS) } },
    orderBy: { updatedAt: 'asc' },
    take: BATCH,
    select: { id: true, channel: true, claimedBy: true, attempts: true, plannedAt: true },
  });
  return eachItem(
    rows,
    async (row) => {
      // Sent: a worker's journal holds it, and records it when PostgreSQL answers that worker again.
      if (journaled.has(row.id)) return false;
      const job = row.claimedBy ? await queues.deliveryJob(row.channel, row.claimedBy) : undefined;
      // Waiting, delayed (keeping a send), running, or stalled and about to run again.
      if (job && !(await job.isFailed()) && !(await job.isCompleted())) return false;
      const kept = (job?.data as { sent?: Record<string, { platformMessageId: string; at: string }> } | undefined)
        ?.sent?.[row.id];
      if (kept) return recordSent(db, row.id, kept.platformMessageId, new Date(kept.at));
      const same = { id: row.id, status: 'sending' as const, claimedBy: row.claimedBy };
      if (row.attempts >= MAX_CLAIMS) {
        // Interrupted again and again: something about this message fails every time. It no longer holds the others.
        const failed = await db.outboundMessage.updateMany({
          where: same,
          data: {
            status: 'failed',
            failedAt: now,
            lastError: `interrupted ${row.attempts} times while being sent; given up`,
          },
        });
        if (failed.count === 1)
          logger.error({ messageId: row.id, attempts: row.attempts }, 'message given up after repeated interruptions');
        return failed.count === 1;
      }
      const requeued = await db.outboundMessage.updateMany({ where: same, data: { status: 'queued' } });
      if (requeued.count === 0) return false;
      await queues.deliverOutbound([row], now, { oneByOne: true });
    },
    logger,
    'interrupted outbox message',
  );
}

/**
 * Queues each item on its own: one that cannot be queued (a bad row) is logged and left for the
 * next sweep, and does not keep the others waiting. Returns how many were queued (an item whose
 * `queue` answers false had nothing to do).
 */
async function eachItem<T extends { id: string }>(
  items: T[],
  queue: (item: T) => Promise<void | boolean>,
  logger: Logger,
  what: string,
): Promise<number> {
  let queued = 0;
  for (const item of items) {
    try {
      if ((await queue(item)) !== false) queued += 1;
    } catch (err) {
      logger.error({ err, id: item.id }, `could not queue this ${what}; the next sweep tries again`);
    }
  }
  return queued;
}
