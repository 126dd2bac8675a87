import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InboundStorageError } from '../../src/channels/inbound-sink.ts';
import type { InboundEvent } from '../../src/domain/inbound-event.ts';
import { createInboundSink } from '../../src/jobs/create-inbound-sink.ts';
import { JobQueues } from '../../src/jobs/job-queues.ts';
import { createLogger } from '../../src/logger.ts';
import { createDatabase, createPool } from '../../src/store/database.ts';
import { createGroupCommit } from '../../src/store/group-commit.ts';
import { recordInboundEvents } from '../../src/store/inbound/record-inbound-events.ts';
import { redisConnection, uniquePrefix } from '../support/redis.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const text = (id: string, platformId: string, sentAt = '2027-01-11T09:00:00.000Z'): InboundEvent => ({
  channel: 'whatsapp',
  platformEventId: id,
  sender: { channel: 'whatsapp', platformId, phoneNumber: platformId },
  sentAt,
  kind: 'text',
  text: `message ${id}`,
});

describe('recording inbound events', () => {
  let test: TestDatabase;
  let pool: ReturnType<typeof createPool>;

  beforeAll(async () => {
    test = await createTestDatabase();
    pool = createPool(test.url, { maxConnections: 8 });
  });

  afterAll(async () => {
    await pool.end();
    await test.drop();
  });

  it('records each event once, even twice in one batch, and opens the sender window at the latest', async () => {
    const result = await recordInboundEvents(pool, [
      text('w-1', '2250700000001', '2027-01-11T09:00:00.000Z'),
      text('w-1', '2250700000001', '2027-01-11T09:00:00.000Z'),
      text('w-2', '2250700000001', '2027-01-11T09:05:00.000Z'),
    ]);
    expect(result.isNew).toEqual([true, false, true]);
    expect(result.duplicates).toBe(1);
    const again = await recordInboundEvents(pool, [text('w-2', '2250700000001')]);
    expect(again.isNew).toEqual([false]);
    const identity = await test.db.channelIdentity.findUniqueOrThrow({
      where: { channel_platformId: { channel: 'whatsapp', platformId: '2250700000001' } },
    });
    expect(identity.lastInboundAt?.toISOString()).toBe('2027-01-11T09:05:00.000Z');
    expect(identity.phoneNumber).toBe('2250700000001');
    expect(await test.db.inboundEvent.count({ where: { channelIdentityId: identity.id } })).toBe(2);
  });

  it('gives a new sender one person, even when their first messages arrive at the same time', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => recordInboundEvents(pool, [text(`first-${i}`, '2250700000099')])),
    );
    const identities = await test.db.channelIdentity.findMany({ where: { platformId: '2250700000099' } });
    expect(identities).toHaveLength(1);
    expect(await test.db.inboundEvent.count({ where: { channelIdentityId: identities[0]!.id } })).toBe(8);
    // No person is left without an identity by the race.
    expect(await test.db.person.count({ where: { identities: { none: {} } } })).toBe(0);
  });

  it('records 300 messages of one sender in concurrent transactions without a deadlock', async () => {
    const sender = (i: number): InboundEvent => ({
      ...text(`same-${i}`, '2250700000300', `2027-01-11T09:${String(i % 60).padStart(2, '0')}:00.000Z`),
      // Some with a username to note, some without: the two took their locks in different orders.
      sender: { channel: 'whatsapp', platformId: '2250700000300', ...(i % 2 === 1 && { username: `user${i % 3}` }) },
    });
    await recordInboundEvents(pool, [sender(0)]);
    // 16 transactions at once, and time enough to get a connection on a busy machine.
    const busy = new pg.Pool({ connectionString: test.url, max: 16, connectionTimeoutMillis: 60_000 });
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 300 }, (_, i) => recordInboundEvents(busy, [sender(i + 1), sender(((i * 7) % 300) + 1)])),
      );
      expect(results.filter((r) => r.status === 'rejected').map((r) => String(r.reason))).toEqual([]);
    } finally {
      await busy.end();
    }
    expect(await test.db.inboundEvent.count({ where: { platformEventId: { startsWith: 'same-' } } })).toBe(301);
  });

  it('tries a batch again when PostgreSQL reports a deadlock', async () => {
    let inserts = 0;
    // A pool whose first insert of events fails as the loser of a deadlock does.
    const flaky = {
      connect: async () => {
        const client = await pool.connect();
        const query = client.query.bind(client) as (text: string, values?: unknown[]) => Promise<unknown>;
        return Object.assign(Object.create(client) as pg.PoolClient, {
          query: async (text: string, values?: unknown[]) => {
            if (text.includes('INSERT INTO "InboundEvent"') && ++inserts === 1)
              throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
            return query(text, values);
          },
          release: () => client.release(),
        });
      },
    } as unknown as pg.Pool;
    const result = await recordInboundEvents(flaky, [text('w-deadlock', '2250700000400')]);
    expect(inserts).toBe(2);
    expect(result.isNew).toEqual([true]);
    expect(await test.db.inboundEvent.count({ where: { platformEventId: 'w-deadlock' } })).toBe(1);
  });

  it('answers 503 and sets nothing aside when a statement fails for a reason other than the data', async () => {
    const queues = new JobQueues({ connection: redisConnection(), prefix: uniquePrefix() });
    const failures: [string, Error][] = [
      ['57014', Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' })],
      ['55P03', Object.assign(new Error('could not obtain lock on row'), { code: '55P03' })],
      ['25006', Object.assign(new Error('cannot execute INSERT in a read-only transaction'), { code: '25006' })],
      ['XX000', Object.assign(new Error('internal error'), { code: 'XX000' })],
      ['js', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ];
    try {
      for (const [name, failure] of failures) {
        // A pool whose inserts of events always fail so, batch or alone.
        const failing = {
          connect: async () => {
            const client = await pool.connect();
            const query = client.query.bind(client) as (text: string, values?: unknown[]) => Promise<unknown>;
            return Object.assign(Object.create(client) as pg.PoolClient, {
              query: async (text: string, values?: unknown[]) => {
                if (text.includes('INSERT INTO "InboundEvent"')) throw failure;
                return query(text, values);
              },
              release: () => client.release(),
            });
          },
          query: (text: string, values?: unknown[]) => pool.query(text, values),
        } as unknown as pg.Pool;
        const sink = createInboundSink({
          db: test.db,
          pool: failing,
          queues,
          logger: createLogger({ LOG_LEVEL: 'silent' }),
        });
        const error = await sink.record([text(`w-${name}`, '2250700000500')]).catch((e: unknown) => e);
        expect(error, name).toBeInstanceOf(InboundStorageError);
        expect((error as InboundStorageError).statusCode).toBe(503);
      }
      expect(await test.db.rejectedInboundEvent.count()).toBe(0);
    } finally {
      await queues.close();
    }
  });

  it('sets aside what could not be read, counting a redelivery as one more attempt', async () => {
    const queues = new JobQueues({ connection: redisConnection(), prefix: uniquePrefix() });
    const sink = createInboundSink({ db: test.db, pool, queues, logger: createLogger({ LOG_LEVEL: 'silent' }) });
    try {
      const item = {
        channel: 'whatsapp' as const,
        platformEventId: 'wamid.NOTYPE',
        senderId: 'CI.1',
        error: 'unexpected message shape: type: missing',
        payload: '{"id":"wamid.NOTYPE","text":"a\u0000b"}',
      };
      await sink.setAside([item]);
      await sink.setAside([item]);
      const row = await test.db.rejectedInboundEvent.findUniqueOrThrow({
        where: { channel_platformEventId: { channel: 'whatsapp', platformEventId: 'wamid.NOTYPE' } },
      });
      expect(row).toMatchObject({ senderId: 'CI.1', error: 'unexpected message shape: type: missing', attempts: 2 });
    } finally {
      await queues.close();
    }
  });

  it('fails clearly, so webhooks answer 503, when PostgreSQL is unreachable', async () => {
    const deadPool = createPool('postgresql://postgres@127.0.0.1:1/compagnon');
    const deadDb = createDatabase('postgresql://postgres@127.0.0.1:1/compagnon');
    const queues = new JobQueues({ connection: redisConnection(), prefix: uniquePrefix() });
    const sink = createInboundSink({
      db: deadDb,
      pool: deadPool,
      queues,
      logger: createLogger({ LOG_LEVEL: 'silent' }),
    });
    try {
      const error = await sink.record([text('w-dead', '2250700000002')]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InboundStorageError);
      expect((error as InboundStorageError).statusCode).toBe(503);
    } finally {
      await queues.close();
      await deadPool.end();
      await deadDb.$disconnect();
    }
  });
});

describe('group commit', () => {
  it('flushes at once when idle, and groups what arrives meanwhile into the next flush', async () => {
    const flushes: number[][] = [];
    let release: () => void = () => {};
    const commit = createGroupCommit<number, number>(
      async (items) => {
        flushes.push(items);
        if (flushes.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return items.map((item) => item * 10);
      },
      { maxBatch: 100, maxInFlight: 1 },
    );
    const first = commit([1]);
    const others = [commit([2]), commit([3, 4]), commit([5])];
    release();
    expect(await first).toEqual([10]);
    expect(await Promise.all(others)).toEqual([[20], [30, 40], [50]]);
    expect(flushes).toEqual([[1], [2, 3, 4, 5]]);
  });

  it('fails every request of a failed flush, and goes on with the next ones', async () => {
    let calls = 0;
    const commit = createGroupCommit<number, number>(
      async (items) => {
        calls++;
        if (calls === 1) throw new Error('database down');
        return items;
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    await expect(commit([1])).rejects.toThrow('database down');
    expect(await commit([2])).toEqual([2]);
  });
});
