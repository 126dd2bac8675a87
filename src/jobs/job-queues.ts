import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';

export const HANDLE_INBOUND_QUEUE = 'handle-inbound';
export const DELIVER_OUTBOUND_QUEUE = 'deliver-outbound';
export const FAN_OUT_BROADCAST_QUEUE = 'fan-out-broadcast';

/**
 * Handling waits this long after an event is recorded, so that messages a platform delivers out
 * of order (concurrent webhooks, a phone coming back online) are handled in the order they were
 * sent. A message arriving later than that after a newer one was handled is handled after it.
 */
export const INBOUND_SETTLE_MS = 300;

/** Transient failures (network, a platform hiccup) are retried this many times, backing off exponentially. */
const DELIVERY_ATTEMPTS = 8;

const KEEP = { removeOnComplete: { age: 24 * 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600 } } satisfies JobsOptions;

/**
 * Puts work on the queues. Job ids are derived from the row the job is about, so adding the
 * same work twice (a retry, a sweep) queues it once.
 */
export class JobQueues {
  private readonly handleInboundQueue: Queue;
  private readonly deliverOutboundQueue: Queue;
  private readonly fanOutBroadcastQueue: Queue;

  constructor(options: { connection: ConnectionOptions; prefix: string }) {
    this.handleInboundQueue = new Queue(HANDLE_INBOUND_QUEUE, options);
    this.deliverOutboundQueue = new Queue(DELIVER_OUTBOUND_QUEUE, options);
    this.fanOutBroadcastQueue = new Queue(FAN_OUT_BROADCAST_QUEUE, options);
  }

  /** Broadcasts are fanned out when they are due: the segment is evaluated then, not when written. */
  async fanOutBroadcasts(broadcasts: (string | { id: string; scheduledAt: Date })[], now: Date): Promise<void> {
    if (broadcasts.length === 0) return;
    await this.fanOutBroadcastQueue.addBulk(
      broadcasts.map((broadcast) => {
        const { id, scheduledAt } = typeof broadcast === 'string' ? { id: broadcast, scheduledAt: now } : broadcast;
        return {
          name: FAN_OUT_BROADCAST_QUEUE,
          data: { broadcastId: id },
          opts: { jobId: `bc-${id}`, delay: Math.max(0, scheduledAt.getTime() - now.getTime()), attempts: 5, backoff: { type: 'exponential', delay: 2_000 }, ...KEEP },
        };
      }),
    );
  }

  async handleInbound(eventIds: string[]): Promise<void> {
    if (eventIds.length === 0) return;
    await this.handleInboundQueue.addBulk(
      eventIds.map((eventId) => ({
        name: HANDLE_INBOUND_QUEUE,
        data: { eventId },
        opts: { jobId: `in-${eventId}`, delay: INBOUND_SETTLE_MS, attempts: 5, backoff: { type: 'exponential', delay: 1_000 }, ...KEEP },
      })),
    );
  }

  async deliverOutbound(messages: { id: string; plannedAt: Date }[], now: Date): Promise<void> {
    if (messages.length === 0) return;
    await this.deliverOutboundQueue.addBulk(
      messages.map(({ id, plannedAt }) => ({
        name: DELIVER_OUTBOUND_QUEUE,
        data: { messageId: id },
        opts: {
          jobId: `out-${id}`,
          delay: Math.max(0, plannedAt.getTime() - now.getTime()),
          attempts: DELIVERY_ATTEMPTS,
          backoff: { type: 'exponential', delay: 2_000 },
          ...KEEP,
        },
      })),
    );
  }

  async close(): Promise<void> {
    await Promise.all([this.handleInboundQueue.close(), this.deliverOutboundQueue.close(), this.fanOutBroadcastQueue.close()]);
  }
}
