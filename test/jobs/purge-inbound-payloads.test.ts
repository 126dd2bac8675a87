import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeInboundPayloads } from '../../src/jobs/purge-inbound-payloads.ts';
import { startWorkers, type RunningWorkers } from '../../src/jobs/start-workers.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { testJobContext } from '../support/job-context.ts';
import { redisConnection, uniquePrefix } from '../support/redis.ts';

const NOW = new Date('2027-03-01T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000);

describe('the worker process, with the inbound-content purge job', () => {
  const prefix = uniquePrefix();
  const connection = redisConnection();
  let test: TestDatabase;
  let workers: RunningWorkers;
  let queue: Queue;
  let events: QueueEvents;
  let context: ReturnType<typeof testJobContext>;

  beforeAll(async () => {
    test = await createTestDatabase();
    workers = await startWorkers([purgeInboundPayloads], {
      connection,
      prefix,
      context: (context = testJobContext(test.db, prefix, { now: () => NOW })),
    });
    queue = new Queue(purgeInboundPayloads.name, { connection, prefix });
    events = new QueueEvents(purgeInboundPayloads.name, { connection, prefix });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await workers.close();
    await context.queues.close();
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await test.drop();
  });

  it('registers its daily schedule once, however many workers start', async () => {
    const second = testJobContext(test.db, prefix, { now: () => NOW });
    const again = await startWorkers([purgeInboundPayloads], { connection, prefix, context: second });
    await again.close();
    await second.queues.close();
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ pattern: '30 3 * * *', tz: 'UTC' });
  });

  it('empties the content of handled events past retention, and keeps everything else', async () => {
    const event = (id: string, status: 'processed' | 'received', receivedAt: Date) => ({
      channel: 'simulator' as const,
      platformEventId: id,
      payload: { kind: 'text', text: `message ${id}` },
      status,
      sentAt: receivedAt,
      receivedAt,
    });
    await test.db.inboundEvent.createMany({
      data: [
        event('old-processed', 'processed', daysAgo(40)),
        event('recent-processed', 'processed', daysAgo(5)),
        event('old-unhandled', 'received', daysAgo(40)),
      ],
    });

    const job = await queue.add(purgeInboundPayloads.name, { retentionDays: 30 });
    expect(await job.waitUntilFinished(events, 20_000)).toEqual({ purged: 1, rejectedDeleted: 0 });

    const rows = await test.db.inboundEvent.findMany({ orderBy: { platformEventId: 'asc' } });
    expect(rows.map((r) => [r.platformEventId, r.payload])).toEqual([
      ['old-processed', {}],
      ['old-unhandled', { kind: 'text', text: 'message old-unhandled' }],
      ['recent-processed', { kind: 'text', text: 'message recent-processed' }],
    ]);

    // Running it again finds nothing more to do.
    const rerun = await queue.add(purgeInboundPayloads.name, { retentionDays: 30 });
    expect(await rerun.waitUntilFinished(events, 20_000)).toEqual({ purged: 0, rejectedDeleted: 0 });
  });

  it('deletes events set aside whose last delivery is past retention, and keeps the recent ones', async () => {
    const setAside = (id: string, lastSeenAt: Date) => ({
      channel: 'telegram' as const,
      platformEventId: id,
      senderId: '5550001',
      error: '22P05 unsupported Unicode escape sequence',
      payload: JSON.stringify({ text: `message ${id}` }),
      firstSeenAt: daysAgo(60),
      lastSeenAt,
    });
    await test.db.rejectedInboundEvent.createMany({
      data: [setAside('old-rejected', daysAgo(31)), setAside('redelivered-lately', daysAgo(2))],
    });

    const job = await queue.add(purgeInboundPayloads.name, { retentionDays: 30 });
    expect(await job.waitUntilFinished(events, 20_000)).toEqual({ purged: 0, rejectedDeleted: 1 });
    const left = await test.db.rejectedInboundEvent.findMany({ select: { platformEventId: true } });
    expect(left).toEqual([{ platformEventId: 'redelivered-lately' }]);
  });

  it('fails a job with a malformed payload at once, without retrying it', async () => {
    const job = await queue.add(purgeInboundPayloads.name, { retentionDays: 'thirty' }, { attempts: 5 });
    await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow(/invalid payload/);
    const failed = await queue.getJob(job.id ?? '');
    expect(failed?.attemptsMade).toBe(1);
  });
});
