import { Queue, type ConnectionOptions, type Job, type JobsOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { CHANNEL_NAMES, type ChannelName } from '../domain/inbound-event.ts';
import type { OutboxRow } from '../store/outbox/outbox.ts';
import { batchJobId, deliveryBatches } from './delivery-batches.ts';
import { announceJournaled, journaledMessages } from './journal-announcements.ts';
import { removeFinished } from './remove-finished-jobs.ts';
import { reserveSendSlot } from './reserve-send-slot.ts';

export const HANDLE_INBOUND_QUEUE = 'handle-inbound';
/** One delivery queue per channel, so that each has its own platform rate limit. */
export const deliveryQueueName = (channel: ChannelName) => `deliver-${channel}`;
export const FAN_OUT_BROADCAST_QUEUE = 'fan-out-broadcast';
export const RELEASE_SUBMISSION_QUEUE = 'release-submission';

/**
 * Handling waits this long after an event is recorded, so that messages a platform delivers out
 * of order (concurrent webhooks, a phone coming back online) are handled in the order they were
 * sent. A message arriving later than that after a newer one was handled is handled after it.
 */
const INBOUND_SETTLE_MS = 300;

/** Transient failures (network, a platform hiccup) are retried this many times, backing off exponentially. */
const DELIVERY_ATTEMPTS = 8;

/** How long a worker's announcement of its journal lasts; it renews it every JOURNAL_ANNOUNCE_EVERY_MS. */
export const JOURNAL_ANNOUNCE_TTL_MS = 20_000;
export const JOURNAL_ANNOUNCE_EVERY_MS = 5_000;

const KEEP = {
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} satisfies JobsOptions;

const DELIVERY_OPTIONS = {
  attempts: DELIVERY_ATTEMPTS,
  backoff: { type: 'exponential', delay: 2_000 },
  ...KEEP,
} satisfies JobsOptions;

/**
 * Puts work on the queues. Job ids are derived from the row the job is about, so adding the
 * same work twice (a retry, a sweep) queues it once.
 */
export class JobQueues {
  private readonly handleInboundQueue: Queue;
  private readonly deliveryQueues: Record<ChannelName, Queue>;
  private readonly fanOutBroadcastQueue: Queue;
  private readonly releaseQueue: Queue;

  /** For the per-chat slots; the runtime's connection when it is one, else our own. */
  private readonly redis: Redis;
  private readonly ownsRedis: boolean;

  /** Channels whose messages get a delivery job each (paced ones, see delivery-pace.ts). */
  private readonly oneByOne: ReadonlySet<ChannelName>;

  /**
   * `oneByOne`: the paced channels (`pacedChannels` of the send limits); `onError`: what to do with
   * a queue's connection errors (Redis down): they are reported, never thrown.
   */
  constructor(options: {
    connection: ConnectionOptions;
    prefix: string;
    oneByOne?: readonly ChannelName[];
    onError?: (error: Error, queue: string) => void;
  }) {
    this.oneByOne = new Set(options.oneByOne ?? []);
    const queueOptions = { connection: options.connection, prefix: options.prefix };
    this.ownsRedis = !(options.connection instanceof Redis);
    this.redis =
      options.connection instanceof Redis
        ? options.connection
        : new Redis({ ...(options.connection as RedisOptions), maxRetriesPerRequest: null });
    this.handleInboundQueue = new Queue(HANDLE_INBOUND_QUEUE, queueOptions);
    this.deliveryQueues = Object.fromEntries(
      CHANNEL_NAMES.map((channel) => [channel, new Queue(deliveryQueueName(channel), queueOptions)]),
    ) as Record<ChannelName, Queue>;
    this.fanOutBroadcastQueue = new Queue(FAN_OUT_BROADCAST_QUEUE, queueOptions);
    this.releaseQueue = new Queue(RELEASE_SUBMISSION_QUEUE, queueOptions);
    // An 'error' event with no listener would end the process; ioredis reconnects by itself.
    for (const queue of this.all()) queue.on('error', (error) => options.onError?.(error, queue.name));
  }

  /**
   * A delayed job per release instant (its job releases every submission due then, see
   * release-due.ts); the id makes queueing it twice harmless. One already due gets a job of its
   * own, since the job of its instant may have run before it was planned.
   */
  async releaseSubmissions(submissions: { id: string; releaseAt: Date }[], now: Date): Promise<void> {
    if (submissions.length === 0) return;
    const jobs = new Map<string, { id: string; releaseAt: Date }>();
    for (const submission of submissions) {
      const jobId =
        submission.releaseAt > now ? `release-at-${submission.releaseAt.getTime()}` : `release-${submission.id}`;
      if (!jobs.has(jobId)) jobs.set(jobId, submission);
    }
    await this.releaseQueue.addBulk(
      [...jobs].map(([jobId, { id, releaseAt }]) => ({
        name: RELEASE_SUBMISSION_QUEUE,
        data: { submissionId: id },
        opts: {
          jobId,
          delay: Math.max(0, releaseAt.getTime() - now.getTime()),
          attempts: 5,
          backoff: { type: 'exponential', delay: 2_000 },
          ...KEEP,
        },
      })),
    );
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
          opts: {
            jobId: `bc-${id}`,
            delay: Math.max(0, scheduledAt.getTime() - now.getTime()),
            attempts: 5,
            backoff: { type: 'exponential', delay: 2_000 },
            ...KEEP,
          },
        };
      }),
    );
  }

  async handleInbound(eventIds: string[], options: { replaceFinished?: boolean } = {}): Promise<void> {
    if (eventIds.length === 0) return;
    if (options.replaceFinished)
      await removeFinished(
        this.handleInboundQueue,
        eventIds.map((id) => `in-${id}`),
      );
    await this.handleInboundQueue.addBulk(
      eventIds.map((eventId) => ({
        name: HANDLE_INBOUND_QUEUE,
        data: { eventId },
        opts: {
          jobId: `in-${eventId}`,
          delay: INBOUND_SETTLE_MS,
          attempts: 5,
          backoff: { type: 'exponential', delay: 1_000 },
          ...KEEP,
        },
      })),
    );
  }

  /**
   * Queues messages for delivery. Messages due at the same instant go several to a job (a
   * broadcast, a release), each person's together and in order; `oneByOne` (and the sweep's
   * repairs) gives each message a job of its own.
   */
  async deliverOutbound(
    messages: OutboxRow[],
    now: Date,
    options: { replaceFinished?: boolean; oneByOne?: boolean } = {},
  ): Promise<void> {
    for (const channel of CHANNEL_NAMES) {
      const batch = messages.filter((message) => message.channel === channel);
      if (batch.length === 0) continue;
      if (options.replaceFinished)
        await removeFinished(
          this.deliveryQueues[channel],
          batch.map((m) => `out-${m.id}-${m.attempts}`),
        );
      if (options.replaceFinished || options.oneByOne || this.oneByOne.has(channel))
        await this.deliverOn(channel, batch, now);
      else await this.deliverInBatches(channel, batch, now);
    }
  }

  /**
   * Reserves the next slot to write to one chat: 0 when it may be sent now, otherwise how many
   * ms to wait. Shared by every worker through Redis (per-chat limits are not in BullMQ's free edition).
   */
  async reserveChatSlot(channel: ChannelName, chatKey: string, intervalMs: number): Promise<number> {
    if (intervalMs <= 0) return 0;
    const key = this.deliveryQueues[channel].toKey(`chat:${chatKey}`);
    if (await this.redis.set(key, '1', 'PX', intervalMs, 'NX')) return 0;
    return Math.max(1, await this.redis.pttl(key));
  }

  /**
   * Reserves the next instant to send on a channel, `intervalMs` after the one reserved before it,
   * across every worker (on Redis's clock): how many ms to wait before sending. Sends spaced
   * evenly never burst past a platform's per-second limit, however its seconds are counted.
   */
  async reserveSendSlot(channel: ChannelName, intervalMs: number): Promise<number> {
    return reserveSendSlot(this.redis, this.deliveryQueues[channel].toKey('send-slot'), intervalMs);
  }

  /** Counts an event for /metrics, shared by every process through Redis: rate_limited, failed… */
  async count(event: string, channel: ChannelName): Promise<void> {
    await this.redis.hincrby(this.metricsKey(), `${event}|${channel}`, 1);
  }

  async counters(): Promise<{ event: string; channel: string; value: number }[]> {
    const all = await this.redis.hgetall(this.metricsKey());
    return Object.entries(all).map(([field, value]) => {
      const [event = '', channel = ''] = field.split('|');
      return { event, channel, value: Number(value) };
    });
  }

  /**
   * Announces the messages a worker's journal holds (sent, not yet recorded: see send-journal.ts),
   * for `ttlMs`, so that the sweep, in whatever process, does not queue them again. Announced
   * again every few seconds, so that a Redis that lost its data has them again soon.
   */
  async announceJournaled(worker: string, messageIds: string[], ttlMs: number): Promise<void> {
    await announceJournaled(this.redis, this.handleInboundQueue.toKey(`journal:${worker}`), messageIds, ttlMs);
  }

  /** Every message some worker's journal holds (announced and not expired). */
  async journaledMessages(): Promise<Set<string>> {
    return journaledMessages(this.redis, this.handleInboundQueue.toKey('journal:*'));
  }

  /** How long Redis has been up: a Redis that just started may not have heard from every worker yet. */
  async redisUptimeMs(): Promise<number> {
    const info = await this.redis.info('server');
    return Number(/uptime_in_seconds:(\d+)/.exec(info)?.[1] ?? 0) * 1000;
  }

  /** A delivery job by its id, if Redis still has it. */
  async deliveryJob(channel: ChannelName, jobId: string): Promise<Job | undefined> {
    return this.deliveryQueues[channel].getJob(jobId);
  }

  /** Every queue, for the dashboard's queue monitor (/admin/queues). */
  all(): Queue[] {
    return [
      this.handleInboundQueue,
      ...Object.values(this.deliveryQueues),
      this.fanOutBroadcastQueue,
      this.releaseQueue,
    ];
  }

  /** Jobs by queue and state (waiting, delayed, active, failed…), for /metrics. */
  async depths(): Promise<{ queue: string; state: string; count: number }[]> {
    const rows = await Promise.all(
      this.all().map(async (queue) => {
        const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'failed', 'prioritized');
        return Object.entries(counts).map(([state, count]) => ({ queue: queue.name, state, count }));
      }),
    );
    return rows.flat();
  }

  private metricsKey(): string {
    return this.handleInboundQueue.toKey('metrics');
  }

  private async deliverOn(channel: ChannelName, messages: OutboxRow[], now: Date): Promise<void> {
    await this.deliveryQueues[channel].addBulk(
      messages.map(({ id, plannedAt, attempts }) => ({
        name: deliveryQueueName(channel),
        data: { messageId: id },
        opts: {
          jobId: `out-${id}-${attempts}`,
          delay: Math.max(0, plannedAt.getTime() - now.getTime()),
          ...DELIVERY_OPTIONS,
        },
      })),
    );
  }

  /**
   * Messages due at the same instant, up to MAX_DELIVERY_BATCH to a job, a person's messages never
   * split between jobs. The job's id is derived from its messages, so queueing them again adds nothing.
   */
  private async deliverInBatches(channel: ChannelName, messages: OutboxRow[], now: Date): Promise<void> {
    const batches = deliveryBatches(messages);
    await this.deliverOn(
      channel,
      batches.filter((batch) => batch.length === 1).map((batch) => batch[0]!),
      now,
    );
    const several = batches.filter((batch) => batch.length > 1);
    if (several.length === 0) return;
    await this.deliveryQueues[channel].addBulk(
      several.map((batch) => ({
        name: deliveryQueueName(channel),
        data: { messageIds: batch.map((m) => m.id) },
        opts: {
          jobId: batchJobId(batch),
          delay: Math.max(0, batch[0]!.plannedAt.getTime() - now.getTime()),
          ...DELIVERY_OPTIONS,
        },
      })),
    );
  }

  async close(): Promise<void> {
    if (this.ownsRedis) this.redis.disconnect();
    await Promise.all([
      this.handleInboundQueue.close(),
      ...Object.values(this.deliveryQueues).map((queue) => queue.close()),
      this.fanOutBroadcastQueue.close(),
      this.releaseQueue.close(),
    ]);
  }
}
