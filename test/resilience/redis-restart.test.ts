import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allJobs } from '../../src/jobs/all-jobs.ts';
import { ACCESS_TOKEN } from '../channels/whatsapp/support/channel.ts';
import { GraphStandIn } from '../channels/whatsapp/support/graph-stand-in.ts';
import { waitFor } from '../support/processes.ts';
import { uniquePrefix } from '../support/redis.ts';
import { RedisServer } from '../support/redis-server.ts';
import { startResilienceApp, type ResilienceApp } from '../support/resilience-app.ts';
import {
  InboundTraffic,
  broadcastTo,
  createParticipants,
  expectEachSentOnce,
  settled,
} from '../support/resilience-checks.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const RECIPIENTS = 300;

/**
 * Redis stopped and started again in the middle of a broadcast while people keep writing:
 * with its append-only file (queues survive) and without (queues and job schedules are lost).
 * PostgreSQL holds the truth; the sweep queues again what Redis forgot.
 */
describe.each([
  { persistence: true, what: 'with persistence' },
  { persistence: false, what: 'without persistence (its data lost)' },
])('Redis restarted mid-run, $what', ({ persistence }) => {
  const graph = new GraphStandIn(ACCESS_TOKEN);
  const redis = new RedisServer({ persistence });
  let test: TestDatabase;
  let t: ResilienceApp;

  beforeAll(async () => {
    await graph.start();
    await redis.start();
    test = await createTestDatabase();
    await importSample(test.db);
    await createParticipants(test.db, RECIPIENTS);
    t = await startResilienceApp({
      databaseUrl: test.url,
      redisUrl: redis.url,
      prefix: uniquePrefix(),
      graphUrl: graph.url,
      // 300 messages take several seconds: long enough to stop Redis in the middle.
      simulatorPerSecond: 40,
      // The sweep and the schedules' return after an outage are what this test is about.
      schedules: true,
      sweep: { pattern: '*/2 * * * * *', staleAfterMs: 3_000 },
      rescheduleEveryMs: 1_000,
    });
  }, 120_000);

  afterAll(async () => {
    if (!redis.running) await redis.start();
    await t?.close();
    await redis.remove();
    await test?.drop();
    await graph.stop();
  });

  it('sends the broadcast once to everyone and handles every acknowledged message once', async () => {
    const broadcastId = await broadcastTo(t, test.db, 'Atelier reporté à jeudi');
    const inbound = new InboundTraffic(t.app, { senders: 6, prefix: `redis-${persistence}` });
    inbound.start();

    await waitFor(
      async () => (t.sends.length >= RECIPIENTS / 5 ? true : undefined),
      60_000,
      'a first part of the broadcast sent',
    );
    await redis.stop();
    const sentBeforeRestart = t.sends.length;
    expect(sentBeforeRestart).toBeLessThan(RECIPIENTS);

    // Redis is down: /readyz says so, and webhooks still answer 200 (recorded in PostgreSQL).
    const notReady = await waitFor(
      async () => {
        const response = await t.app.inject({ method: 'GET', url: '/readyz' });
        return response.statusCode === 503 ? response.json() : undefined;
      },
      30_000,
      '/readyz reporting Redis down',
    );
    expect(notReady).toMatchObject({ status: 'unavailable', down: ['redis'], checks: { postgres: 'ok' } });
    const acknowledgedBefore = inbound.acknowledged.length;
    await waitFor(
      async () => (inbound.acknowledged.length >= acknowledgedBefore + 10 ? true : undefined),
      60_000,
      'webhooks answered while Redis is down',
    );

    await redis.start();
    if (!persistence) {
      // Every repeating job (the sweep among them) has its schedule again.
      const repeating = new Set(
        allJobs()
          .filter((job) => job.repeat)
          .map((job) => job.name),
      );
      await waitFor(
        async () => {
          const queues = t.workers.queues.filter((queue) => repeating.has(queue.name));
          const scheduled = await Promise.all(queues.map(async (queue) => (await queue.getJobSchedulers()).length));
          return queues.length === repeating.size && scheduled.every((count) => count === 1) ? true : undefined;
        },
        30_000,
        'the job schedules registered again',
      );
    }
    await waitFor(
      async () => (inbound.acknowledged.length >= acknowledgedBefore + 20 ? true : undefined),
      60_000,
      'webhooks answered after the restart',
    );
    await inbound.stop();

    expect(inbound.refused).toEqual([]);
    await settled(test.db, inbound, 120_000);
    await expectEachSentOnce(test.db, t, graph, inbound);

    const broadcastSends = t.sends.filter((send) => send.text === 'Atelier reporté à jeudi');
    const perRecipient = new Map<string, number>();
    for (const send of broadcastSends) perRecipient.set(send.to, (perRecipient.get(send.to) ?? 0) + 1);
    expect(perRecipient.size).toBe(RECIPIENTS);
    expect([...perRecipient.values()].every((count) => count === 1)).toBe(true);
    expect(await test.db.outboundMessage.count({ where: { broadcastId, status: 'sent' } })).toBe(RECIPIENTS);

    expect(t.workers.workers.every((worker) => worker.isRunning())).toBe(true);
  }, 300_000);
});
