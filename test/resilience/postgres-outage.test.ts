import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { TcpProxy } from '../support/tcp-proxy.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const RECIPIENTS = 200;

/**
 * PostgreSQL unreachable for a while (the network between the app and it cut), in the middle of
 * a broadcast while people keep writing, then back. Webhooks refuse with 503 so that the platform
 * delivers again; jobs fail and are retried; nothing is lost and nothing is sent twice.
 */
describe('PostgreSQL unreachable for a while, then back', () => {
  const graph = new GraphStandIn(ACCESS_TOKEN);
  const redis = new RedisServer({ persistence: false });
  let proxy: TcpProxy;
  let test: TestDatabase;
  let t: ResilienceApp;
  let jobFailures = 0;

  beforeAll(async () => {
    await graph.start();
    await redis.start();
    test = await createTestDatabase();
    await importSample(test.db);
    await createParticipants(test.db, RECIPIENTS);
    const database = new URL(test.url);
    proxy = await new TcpProxy({ host: database.hostname, port: Number(database.port || 5432) }).start();
    t = await startResilienceApp({
      databaseUrl: proxy.through(test.url),
      redisUrl: redis.url,
      prefix: uniquePrefix(),
      graphUrl: graph.url,
      simulatorPerSecond: 40,
      // The sweep and the schedules' return after an outage are what this test is about.
      schedules: true,
      sweep: { pattern: '*/2 * * * * *', staleAfterMs: 3_000 },
      rescheduleEveryMs: 1_000,
    });
    for (const worker of t.workers.workers) worker.on('failed', () => (jobFailures += 1));
  }, 120_000);

  afterAll(async () => {
    proxy?.restore();
    await t?.close();
    await proxy?.stop();
    await redis.remove();
    await test?.drop();
    await graph.stop();
  });

  it('refuses webhooks with 503 while it is away, then handles and sends everything once', async () => {
    await broadcastTo(t, test.db, 'Session en ligne samedi');
    const inbound = new InboundTraffic(t.app, { senders: 6, prefix: 'pg' });
    inbound.start();
    await waitFor(
      async () => (t.sends.length >= RECIPIENTS / 5 ? true : undefined),
      60_000,
      'a first part of the broadcast sent',
    );

    proxy.cut();
    const notReady = await waitFor(
      async () => {
        const response = await t.app.inject({ method: 'GET', url: '/readyz' });
        return response.statusCode === 503 ? response.json() : undefined;
      },
      30_000,
      '/readyz reporting PostgreSQL down',
    );
    expect(notReady).toMatchObject({ status: 'unavailable', down: ['postgres'], checks: { redis: 'ok' } });
    // The platform is told to deliver again, and jobs fail (to be retried), for a few seconds.
    await waitFor(
      async () => (inbound.refused.length >= 12 && jobFailures >= 3 ? true : undefined),
      60_000,
      'webhooks refused and jobs failed while PostgreSQL is away',
    );
    expect(t.sends.length).toBeLessThan(RECIPIENTS);

    proxy.restore();
    await waitFor(
      async () => ((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode === 200 ? true : undefined),
      30_000,
      '/readyz ready again',
    );
    const acknowledgedAtRestore = inbound.acknowledged.length;
    await waitFor(
      async () => (inbound.acknowledged.length >= acknowledgedAtRestore + 12 ? true : undefined),
      60_000,
      'webhooks acknowledged again',
    );
    await inbound.stop();

    expect(new Set(inbound.refused)).toEqual(new Set([503]));
    // Generous: a send whose record failed is recorded when its job comes back (backing off), and
    // the messages after it to the same person wait for that.
    await settled(test.db, inbound, 200_000);
    await expectEachSentOnce(test.db, t, graph, inbound);
    const broadcastSends = t.sends.filter((send) => send.text === 'Session en ligne samedi');
    expect(new Set(broadcastSends.map((send) => send.to)).size).toBe(RECIPIENTS);
    expect(broadcastSends).toHaveLength(RECIPIENTS);
    expect(t.workers.workers.every((worker) => worker.isRunning())).toBe(true);
  }, 360_000);
});
