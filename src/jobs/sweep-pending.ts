import { z } from 'zod';
import { defineJob } from './job-definition.ts';

/** Rows older than this with no progress are assumed to have lost their job (a crash, Redis down). */
const STALE_AFTER_MS = 30_000;
const BATCH = 1_000;

/**
 * Repairs what a crash or a Redis outage can leave behind: inbound events recorded but never
 * queued for handling, and outbox messages due but never queued for delivery. Job ids are
 * deterministic, so queueing what already is queued changes nothing.
 */
export const sweepPending = defineJob({
  name: 'sweep-pending',
  payload: z.object({}),
  repeat: { pattern: '* * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, { db, queues, now, logger }) => {
    const staleBefore = new Date(now().getTime() - STALE_AFTER_MS);
    const events = await db.inboundEvent.findMany({
      where: { status: 'received', receivedAt: { lt: staleBefore } },
      orderBy: { receivedAt: 'asc' },
      take: BATCH,
      select: { id: true },
    });
    await queues.handleInbound(events.map((event) => event.id), { replaceFinished: true });
    const messages = await db.outboundMessage.findMany({
      where: { status: 'queued', plannedAt: { lte: now() }, updatedAt: { lt: staleBefore } },
      orderBy: { plannedAt: 'asc' },
      take: BATCH,
      select: { id: true, plannedAt: true, channel: true, attempts: true },
    });
    await queues.deliverOutbound(messages, now(), { replaceFinished: true });
    const broadcasts = await db.broadcast.findMany({
      where: { status: 'scheduled', scheduledAt: { lte: now() } },
      select: { id: true, scheduledAt: true },
    });
    await queues.fanOutBroadcasts(broadcasts.map((b) => ({ id: b.id, scheduledAt: b.scheduledAt ?? now() })), now());
    if (events.length + messages.length > 0) {
      logger.info({ events: events.length, messages: messages.length }, 'queued work that had no job');
    }
    return { events: events.length, messages: messages.length };
  },
});
