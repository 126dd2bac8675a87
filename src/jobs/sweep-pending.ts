import { z } from 'zod';
import type { Logger } from '../logger.ts';
import type { Database } from '../store/database.ts';
import { listDueBroadcasts } from '../store/broadcasts/list-due-broadcasts.ts';
import { listUnhandledEvents } from '../store/inbound/list-unhandled-events.ts';
import { giveUpInterruptedMessage } from '../store/outbox/give-up-interrupted-message.ts';
import { listInterruptedSends } from '../store/outbox/list-interrupted-sends.ts';
import { listUnqueuedMessages } from '../store/outbox/list-unqueued-messages.ts';
import { readMessageProgress } from '../store/outbox/read-message-progress.ts';
import { recordSent } from '../store/outbox/record-sent-messages.ts';
import { requeueInterruptedMessage } from '../store/outbox/requeue-interrupted-message.ts';
import { STUCK_SENDING_MS } from './delivery-turns.ts';
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
      const events = await listUnhandledEvents(db, staleBefore, BATCH);
      const queuedEvents = await eachItem(
        events,
        (event) => queues.handleInbound([event.id], { replaceFinished: true }),
        logger,
        'inbound event',
      );
      const messages = await listUnqueuedMessages(db, staleBefore, BATCH);
      const queuedMessages = await eachItem(
        messages,
        async (message) => {
          // Read again just before: a message claimed since the list was read (then sent, and its
          // job finished) must not get its job replaced, which would send it a second time.
          const fresh = await readMessageProgress(db, message.id);
          if (fresh?.status !== 'queued' || fresh.attempts !== message.attempts) return false;
          await queues.deliverOutbound([message], now(), { replaceFinished: true });
        },
        logger,
        'outbox message',
      );
      const interrupted = await repairInterruptedSends(db, queues, now(), logger);
      const broadcasts = await listDueBroadcasts(db, now());
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
  const rows = await listInterruptedSends(db, new Date(now.getTime() - STUCK_SENDING_MS), BATCH);
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
      if (row.attempts >= MAX_CLAIMS) {
        // Interrupted again and again: something about this message fails every time. It no longer holds the others.
        const failed = await giveUpInterruptedMessage(db, row, now);
        if (failed)
          logger.error({ messageId: row.id, attempts: row.attempts }, 'message given up after repeated interruptions');
        return failed;
      }
      if (!(await requeueInterruptedMessage(db, row))) return false;
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
