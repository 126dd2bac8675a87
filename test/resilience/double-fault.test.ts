import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allJobs } from '../../src/jobs/all-jobs.ts';
import { ACCESS_TOKEN } from '../channels/whatsapp/support/channel.ts';
import { GraphStandIn } from '../channels/whatsapp/support/graph-stand-in.ts';
import { waitFor } from '../support/processes.ts';
import { uniquePrefix } from '../support/redis.ts';
import { RedisServer } from '../support/redis-server.ts';
import { startResilienceApp, type ResilienceApp } from '../support/resilience-app.ts';
import { broadcastTo, createParticipants } from '../support/resilience-checks.ts';
import { importSample } from '../support/sample-programme.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const RECIPIENTS = 500;
const TEXT = 'Atelier déplacé à Bukavu';
const CUT_AT_SEND = RECIPIENTS / 5;

/**
 * Two faults at once: PostgreSQL unreachable in the middle of a broadcast, and Redis restarted
 * without its data while it is (every queued job, every job schedule, every send kept in a job's
 * data lost). Sends the platform took whose record failed are in the worker's journal on disk,
 * recorded when PostgreSQL answers again: everyone gets the broadcast, and nobody gets it twice.
 */
describe('PostgreSQL unreachable and Redis restarted empty meanwhile', () => {
  const graph = new GraphStandIn(ACCESS_TOKEN);
  const redis = new RedisServer({ persistence: false });
  let proxy: TcpProxy;
  let test: TestDatabase;
  let t: ResilienceApp;

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
      simulatorPerSecond: 50,
      // The sweep and the schedules' return after an outage are what this test is about.
      schedules: true,
      sweep: { pattern: '*/2 * * * * *', staleAfterMs: 3_000 },
      // As deployed: the schedules come back because the connection is ready again, not because of a timer.
      rescheduleEveryMs: 5 * 60_000,
      // PostgreSQL goes away while a send is on the wire (the platform took it, its record is yet to
      // be written): whatever the machine's load, at least that send must be kept in the journal.
      onSend: (sendsSoFar) => {
        if (sendsSoFar === CUT_AT_SEND) proxy.cut();
      },
    });
  }, 120_000);

  afterAll(async () => {
    proxy?.restore();
    if (!redis.running) await redis.start();
    await t?.close();
    await proxy?.stop();
    await redis.remove();
    await test?.drop();
    await graph.stop();
  });

  it('sends the broadcast to everyone once', async () => {
    const broadcastId = await broadcastTo(t, test.db, TEXT);
    await waitFor(
      async () => (t.sends.length >= CUT_AT_SEND ? true : undefined),
      60_000,
      'a first part of the broadcast sent',
    );
    // A send already on the wire found the database gone: it is in the journal, and sending stopped.
    const journaled = await waitFor(
      async () => {
        const held = await t.journal.held();
        return held.length > 0 ? held : undefined;
      },
      20_000,
      'a send kept in the journal',
    );
    await pause(1_000);
    const sentDuringCut = t.sends.length;
    await pause(2_000);
    expect(t.sends.length).toBe(sentDuringCut);
    expect(sentDuringCut).toBeLessThan(RECIPIENTS);

    await redis.stop();
    await redis.start();
    // Every repeating job (the sweep among them) has its schedule again within seconds.
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
      5_000,
      'the job schedules registered again',
    );
    await pause(2_000);
    expect(t.sends.length).toBe(sentDuringCut);
    proxy.restore();

    await waitFor(
      async () => {
        const left = await test.db.outboundMessage.groupBy({
          by: ['status'],
          where: { broadcastId, status: { not: 'sent' } },
          _count: true,
        });
        if (left.length === 0) return true;
        throw new Error(`not sent yet: ${JSON.stringify(left)}`);
      },
      45_000,
      'the whole broadcast recorded as sent',
    );
    const perRecipient = new Map<string, number>();
    for (const send of t.sends.filter((s) => s.text === TEXT))
      perRecipient.set(send.to, (perRecipient.get(send.to) ?? 0) + 1);
    const lost = RECIPIENTS - perRecipient.size;
    const duplicated = [...perRecipient.values()].reduce((sum, count) => sum + count - 1, 0);
    expect({ lost, duplicated, journaled: journaled.length > 0 }).toEqual({ lost: 0, duplicated: 0, journaled: true });
    // Each row holds the platform id of its one send; the journal is empty again.
    const rows = await test.db.outboundMessage.findMany({
      where: { broadcastId },
      select: { platformMessageId: true },
    });
    expect(new Set(rows.map((row) => row.platformMessageId))).toEqual(
      new Set(t.sends.filter((s) => s.text === TEXT).map((s) => s.platformMessageId)),
    );
    expect(await t.journal.held()).toEqual([]);
  }, 120_000);
});

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
