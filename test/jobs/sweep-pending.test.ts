import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryQueueName } from '../../src/jobs/job-queues.ts';
import { sweepPending } from '../../src/jobs/sweep-pending.ts';
import { addOutboundMessages } from '../../src/store/outbox/outbox.ts';
import { testJobContext } from '../support/job-context.ts';
import { redisConnection, uniquePrefix } from '../support/redis.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/**
 * The sweep repairs what crashes and outages leave behind. No worker runs here: what the sweep
 * queues stays in Redis, where the test reads it.
 */
describe('the sweep of pending work', () => {
  const prefix = uniquePrefix();
  const queue = new Queue(deliveryQueueName('telegram'), { connection: redisConnection(), prefix });
  let test: TestDatabase;
  let context: ReturnType<typeof testJobContext>;
  let person: { id: string; identity: string };
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

  beforeAll(async () => {
    test = await createTestDatabase();
    context = testJobContext(test.db, prefix);
    const created = await test.db.person.create({
      data: { identities: { create: [{ channel: 'telegram', platformId: '4001' }] } },
      include: { identities: true },
    });
    person = { id: created.id, identity: created.identities[0]!.id };
  });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await context.queues.close();
    await test.drop();
  });

  /** A message as a job left it: claimed by `claimedBy`, last touched `updatedMinutesAgo`. */
  async function message(state: {
    status: 'queued' | 'sending';
    claimedBy?: string;
    updatedMinutesAgo: number;
    plannedMinutesAgo?: number;
    attempts?: number;
  }) {
    const [row] = await addOutboundMessages(
      test.db,
      [
        {
          personId: person.id,
          channelIdentityId: person.identity,
          purpose: 'broadcast',
          payload: { kind: 'text', text: 'Annonce' },
          plannedAt: minutesAgo(state.plannedMinutesAgo ?? state.updatedMinutesAgo),
        },
      ],
      new Date(),
    );
    const attempts = state.attempts ?? (state.status === 'sending' ? 1 : 0);
    // Raw, so that updatedAt keeps the value given (Prisma would set it to now).
    await test.db
      .$executeRaw`UPDATE "OutboundMessage" SET status = ${state.status}::"OutboundStatus", "claimedBy" = ${state.claimedBy ?? null}, attempts = ${attempts}, "updatedAt" = ${minutesAgo(state.updatedMinutesAgo)} WHERE id = ${row!.id}`;
    return row!.id;
  }

  /** A delivery job that failed for good, with what it kept in its data. */
  async function failedJob(jobId: string, data: Record<string, unknown>) {
    await queue.add(deliveryQueueName('telegram'), data, { jobId });
    const worker = new Worker(
      deliveryQueueName('telegram'),
      async () => {
        throw new UnrecoverableError('the database stayed away');
      },
      { connection: redisConnection(), prefix },
    );
    await new Promise<void>((resolve) => worker.on('failed', () => resolve()));
    await worker.close();
  }

  it('queues again a message left "sending" by a job Redis no longer has', async () => {
    const id = await message({ status: 'sending', claimedBy: 'outb-lost-with-redis', updatedMinutesAgo: 5 });
    await sweepPending.handle({}, context);
    expect(await test.db.outboundMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'queued',
      attempts: 1,
    });
    expect(await queue.getJob(`out-${id}-1`)).toBeDefined();
  });

  it('gives up a message interrupted while being sent time after time', async () => {
    const id = await message({ status: 'sending', claimedBy: 'out-poison-10', updatedMinutesAgo: 5, attempts: 10 });
    await sweepPending.handle({}, context);
    expect(await test.db.outboundMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'failed',
      lastError: 'interrupted 10 times while being sent; given up',
    });
    expect(await queue.getJob(`out-${id}-10`)).toBeUndefined();
  });

  it('records a send that a failed job kept, and does not queue it again', async () => {
    const id = await message({ status: 'sending', claimedBy: 'outb-kept', updatedMinutesAgo: 5 });
    const at = minutesAgo(6);
    await failedJob('outb-kept', {
      messageIds: [],
      sent: { [id]: { platformMessageId: 'tg-777', at: at.toISOString() } },
    });
    await sweepPending.handle({}, context);
    expect(await test.db.outboundMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'sent',
      platformMessageId: 'tg-777',
      sentAt: at,
    });
    expect(await queue.getJob(`out-${id}-1`)).toBeUndefined();
  });

  it('leaves a message to the job that still holds it, and one sent a moment ago', async () => {
    const waiting = await message({ status: 'sending', claimedBy: 'outb-still-waiting', updatedMinutesAgo: 5 });
    await queue.add(
      deliveryQueueName('telegram'),
      { messageIds: [waiting] },
      { jobId: 'outb-still-waiting', delay: 60_000 },
    );
    const recent = await message({ status: 'sending', claimedBy: 'outb-just-now', updatedMinutesAgo: 0 });
    await sweepPending.handle({}, context);
    expect((await test.db.outboundMessage.findUniqueOrThrow({ where: { id: waiting } })).status).toBe('sending');
    expect((await test.db.outboundMessage.findUniqueOrThrow({ where: { id: recent } })).status).toBe('sending');
  });

  it('leaves a message a worker keeps in its journal (sent while PostgreSQL was away) to that worker', async () => {
    const journaled = await message({ status: 'sending', claimedBy: 'outb-lost-with-redis-too', updatedMinutesAgo: 5 });
    await context.queues.announceJournaled('worker-a', [journaled], 20_000);
    await sweepPending.handle({}, context);
    expect(await test.db.outboundMessage.findUniqueOrThrow({ where: { id: journaled } })).toMatchObject({
      status: 'sending',
      attempts: 1,
    });
    expect(await queue.getJob(`out-${journaled}-1`)).toBeUndefined();
    // Once recorded, the worker announces an empty journal: the sweep may look at it again.
    await context.queues.announceJournaled('worker-a', [], 20_000);
    expect(await context.queues.journaledMessages()).toEqual(new Set());
  });

  it('gives a message written ahead of time to its own job only once it has been due for a while', async () => {
    // Written an hour ago for now (a release waiting for the morning): its batch job is starting.
    const justDue = await message({ status: 'queued', updatedMinutesAgo: 60, plannedMinutesAgo: 0 });
    const longDue = await message({ status: 'queued', updatedMinutesAgo: 60, plannedMinutesAgo: 5 });
    await sweepPending.handle({}, context);
    expect(await queue.getJob(`out-${justDue}-0`)).toBeUndefined();
    expect(await queue.getJob(`out-${longDue}-0`)).toBeDefined();
  });
});
