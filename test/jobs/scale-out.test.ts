import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_CONCURRENCY } from '../../src/jobs/deliver-outbound.ts';
import { JobQueues } from '../../src/jobs/job-queues.ts';
import { ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN } from '../channels/whatsapp/support/channel.ts';
import { GraphStandIn } from '../channels/whatsapp/support/graph-stand-in.ts';
import { PHONE_NUMBER_ID } from '../channels/whatsapp/support/meta-payloads.ts';
import { stopProcess, waitFor } from '../support/processes.ts';
import { REDIS_URL, redisConnection, uniquePrefix } from '../support/redis.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const RECIPIENTS = 1000;

/**
 * Worker processes, as deployed (`compagnon worker`), against one Redis and one PostgreSQL,
 * delivering a broadcast to 1,000 WhatsApp participants through the Graph API stand-in.
 */
describe('several worker processes', () => {
  const graph = new GraphStandIn(ACCESS_TOKEN);
  const prefix = uniquePrefix();
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'compagnon-workers-'));
  let test: TestDatabase;
  let queues: JobQueues;
  const workers: ChildProcess[] = [];

  /** A worker process; `messagesPerSecond` paces the WhatsApp sends of every worker together. */
  function startWorker(messagesPerSecond: number): ChildProcess {
    const worker = spawn('node', ['bin/compagnon.js', 'worker'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: test.url,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        LOG_LEVEL: 'error',
        MEDIA_DIR: mediaDir,
        // The workers of this test share a journal directory of their own, as workers of one machine do.
        JOURNAL_DIR: path.join(mediaDir, 'journal'),
        SIMULATOR: 'off',
        WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN,
        WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
        WHATSAPP_APP_SECRET: APP_SECRET,
        WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
        WHATSAPP_GRAPH_URL: graph.url,
        WHATSAPP_MESSAGES_PER_SECOND: String(messagesPerSecond),
        WHATSAPP_RECIPIENT_INTERVAL_MS: '0',
      },
    });
    workers.push(worker);
    return worker;
  }

  beforeAll(async () => {
    await graph.start();
    test = await createTestDatabase();
    await importSample(test.db);
    queues = new JobQueues({ connection: redisConnection(), prefix });
    const cohort = await test.db.cohort.findFirstOrThrow();
    const people = Array.from({ length: RECIPIENTS }, (_, i) => ({
      id: `worker-test-person-${i}`,
      phone: String(2250800000000 + i),
    }));
    await test.db.person.createMany({ data: people.map((p) => ({ id: p.id, locale: 'fr', roles: ['participant'] })) });
    await test.db.channelIdentity.createMany({
      data: people.map((p) => ({
        personId: p.id,
        channel: 'whatsapp',
        platformId: p.phone,
        phoneNumber: p.phone,
        lastInboundAt: new Date(),
      })),
    });
    await test.db.enrolment.createMany({
      data: people.map((p) => ({ personId: p.id, cohortId: cohort.id, role: 'participant' })),
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => stopProcess(worker)));
    await queues.close();
    await test.drop();
    await graph.stop();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  async function broadcast(text: string): Promise<string> {
    const programme = await test.db.programme.findFirstOrThrow();
    const segment = await test.db.segment.create({ data: { programmeId: programme.id, filter: {} } });
    const row = await test.db.broadcast.create({
      data: {
        programmeId: programme.id,
        segmentId: segment.id,
        texts: { fr: text, en: text },
        status: 'scheduled',
        scheduledAt: new Date(),
      },
    });
    await queues.fanOutBroadcasts([row.id], new Date());
    return row.id;
  }

  async function sentCount(broadcastId: string): Promise<number> {
    return test.db.outboundMessage.count({ where: { broadcastId, status: 'sent' } });
  }

  /** How many requests the Graph API got for each recipient, for messages whose text is `text`. */
  function requestsPerRecipient(text: string): number[] {
    const counts = new Map<string, number>();
    for (const request of graph.messageRequests) {
      if ((request.text as { body?: string } | undefined)?.body !== text) continue;
      counts.set(String(request.to), (counts.get(String(request.to)) ?? 0) + 1);
    }
    return [...counts.values()];
  }

  it('two workers send a 1,000-message broadcast with no duplicate and no loss', async () => {
    // No limit worth the name: the messages go many to a job.
    startWorker(1_000_000);
    startWorker(1_000_000);
    const id = await broadcast('Annonce numéro un');
    await waitFor(async () => ((await sentCount(id)) === RECIPIENTS ? true : undefined), 90_000, 'every message sent');
    const perRecipient = requestsPerRecipient('Annonce numéro un');
    expect(perRecipient).toHaveLength(RECIPIENTS);
    expect(perRecipient.every((count) => count === 1)).toBe(true);
  }, 120_000);

  it('a worker stopped in the middle of a broadcast and started again finishes it, each message once', async () => {
    await Promise.all(workers.splice(0).map((worker) => stopProcess(worker)));
    // Paced at 100/s, the broadcast takes ten seconds: long enough to stop the worker midway.
    const first = startWorker(100);
    const id = await broadcast('Annonce numéro deux');
    await waitFor(async () => ((await sentCount(id)) >= 200 ? true : undefined), 60_000, 'a first part sent');
    await stopProcess(first);
    workers.splice(workers.indexOf(first), 1);
    const sentWhileStopped = await sentCount(id);
    expect(sentWhileStopped).toBeLessThan(RECIPIENTS);
    startWorker(100);
    await waitFor(async () => ((await sentCount(id)) === RECIPIENTS ? true : undefined), 90_000, 'every message sent');
    const perRecipient = requestsPerRecipient('Annonce numéro deux');
    expect(perRecipient).toHaveLength(RECIPIENTS);
    expect(perRecipient.every((count) => count === 1)).toBe(true);
  }, 180_000);

  it('a worker that crashes in the middle of a broadcast leaves nobody out; only a message in flight at the crash may go twice', async () => {
    await Promise.all(workers.splice(0).map((worker) => stopProcess(worker)));
    const first = startWorker(100);
    const id = await broadcast('Annonce numéro trois');
    await waitFor(async () => ((await sentCount(id)) >= 200 ? true : undefined), 60_000, 'a first part sent');
    // No shutdown: the process dies at once, with jobs claimed, some sent and not yet recorded.
    const exited = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGKILL');
    await exited;
    workers.splice(workers.indexOf(first), 1);
    expect(await sentCount(id)).toBeLessThan(RECIPIENTS);
    // The crashed worker's jobs are taken up again once their locks expire (30 s).
    startWorker(100);
    await waitFor(async () => ((await sentCount(id)) === RECIPIENTS ? true : undefined), 150_000, 'every message sent');
    const perRecipient = requestsPerRecipient('Annonce numéro trois');
    expect(perRecipient).toHaveLength(RECIPIENTS);
    // A send the platform took just before the crash, not yet recorded, is sent again rather
    // than lost: at most one per job the worker was running.
    expect(perRecipient.every((count) => count <= 2)).toBe(true);
    expect(perRecipient.filter((count) => count === 2).length).toBeLessThanOrEqual(DELIVERY_CONCURRENCY);
  }, 240_000);
});
