import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { ChannelAdapter } from '../../src/channels/channel-adapter.ts';
import { createSimulatorChannel } from '../../src/channels/simulator/index.ts';
import { registerSimulatorRoutes } from '../../src/channels/simulator/routes.ts';
import { TEST_SIMULATOR_KEY } from './test-app.ts';
import type { Recipient } from '../../src/domain/outbound-message.ts';
import { createServer } from '../../src/http/create-server.ts';
import { postgresCheck, redisCheck } from '../../src/http/readiness-checks.ts';
import { createTranslate } from '../../src/i18n.ts';
import { allJobs } from '../../src/jobs/all-jobs.ts';
import { createInboundSink } from '../../src/jobs/create-inbound-sink.ts';
import type { JobContext } from '../../src/jobs/job-definition.ts';
import { JobQueues } from '../../src/jobs/job-queues.ts';
import { SendJournal } from '../../src/jobs/send-journal.ts';
import { startWorkers, type RunningWorkers } from '../../src/jobs/start-workers.ts';
import { sweepPending, sweepPendingJob } from '../../src/jobs/sweep-pending.ts';
import { createLogger } from '../../src/logger.ts';
import { createDatabase, createPool, type Database } from '../../src/store/database.ts';
import { createRedis } from '../../src/store/redis.ts';
import { createTestChannel } from '../channels/whatsapp/support/channel.ts';

/** One send the channel was asked for: the platform id it answered, to whom, what. */
export interface CountedSend {
  platformMessageId: string;
  to: string;
  text: string;
}

export interface ResilienceApp {
  app: FastifyInstance;
  /** The app's own connections (the ones an outage cuts). */
  db: Database;
  redis: Redis;
  queues: JobQueues;
  workers: RunningWorkers;
  /** The workers' journal of sends they could not record (in a directory of the test's own). */
  journal: SendJournal;
  /** The clock every part of the app is given. */
  now: () => Date;
  /** Every send the simulator channel was asked for, in order. */
  sends: CountedSend[];
  close: () => Promise<void>;
}

/**
 * The whole pipeline as `compagnon start` assembles it (web server with the simulator and the
 * WhatsApp webhook, inbound sink, every worker, readiness checks), on the given PostgreSQL and
 * Redis, with an injected clock. The simulator channel counts what it is asked to send.
 */
export async function startResilienceApp(options: {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  graphUrl: string;
  /** Simulator messages per second, so that a broadcast takes long enough to be interrupted. */
  simulatorPerSecond: number;
  /**
   * The sweep, run every few seconds for rows a few seconds old (instead of every minute for rows
   * 30 s old), so that recovery takes seconds. BullMQ delays are real time, so the clock is not
   * moved forward to get there.
   */
  sweep: { pattern: string; staleAfterMs: number };
  rescheduleEveryMs: number;
  /** Called after the platform took a send and before it answers (a fault injected right then hits a send on the wire). */
  onSend?: (sendsSoFar: number) => void;
  /** The clock every part of the app is given; the machine's unless given (see clock.ts). */
  now?: () => Date;
  /** Whether the repeating jobs (the sweep among them) are registered, as in production; no by default. */
  schedules?: boolean;
}): Promise<ResilienceApp> {
  const logger = createLogger({
    LOG_LEVEL: process.env.TEST_LOG_LEVEL === undefined ? 'silent' : (process.env.TEST_LOG_LEVEL as 'info'),
  });
  const now = options.now ?? (() => new Date());
  const db = createDatabase(options.databaseUrl);
  const pool = createPool(options.databaseUrl, { logger });
  const redis = createRedis(options.redisUrl);
  redis.on('error', () => {});
  const queues = new JobQueues({ connection: redis, prefix: options.prefix });
  const sink = createInboundSink({ db, pool, queues, logger });
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'compagnon-resilience-'));
  const simulator = createSimulatorChannel({ config: { mediaDir }, logger });
  const sends: CountedSend[] = [];
  const counting: ChannelAdapter = {
    ...simulator.adapter,
    send: async (recipient: Recipient, message) => {
      const platformMessageId = `sim-${randomUUID()}`;
      sends.push({
        platformMessageId,
        to: recipient.platformId,
        text: 'text' in message ? message.text : 'fallbackText' in message ? message.fallbackText : '',
      });
      options.onSend?.(sends.length);
      return { platformMessageId };
    },
  };
  const whatsapp = createTestChannel(options.graphUrl);
  const context: Omit<JobContext, 'job' | 'token'> = {
    db,
    logger,
    now,
    translate: createTranslate({ defaultLanguage: 'fr' }),
    defaultLanguage: 'fr',
    channels: { simulator: counting, whatsapp: whatsapp.adapter },
    queues,
    media: { dir: mediaDir, maxBytes: 1024 * 1024 },
  };
  const jobs = allJobs({ simulator: { max: options.simulatorPerSecond, duration: 1000 } }).map((job) =>
    job.name === sweepPending.name ? sweepPendingJob(options.sweep) : job,
  );
  const journal = await new SendJournal(path.join(mediaDir, 'journal'), logger).open();
  const workers = await startWorkers(jobs, {
    connection: redis,
    prefix: options.prefix,
    context,
    rescheduleEveryMs: options.rescheduleEveryMs,
    schedules: options.schedules ?? false,
    journal,
  });
  const app = createServer({
    logger,
    readinessChecks: [postgresCheck(db), redisCheck(redis)],
    routes: [
      (server) =>
        registerSimulatorRoutes(server, {
          db,
          sink,
          uploadsDir: simulator.uploadsDir,
          maxMediaBytes: 1024 * 1024,
          now,
          key: TEST_SIMULATOR_KEY,
          translate: context.translate,
          defaultLanguage: context.defaultLanguage,
        }),
      (server) => whatsapp.registerWebhook(server, sink),
    ],
  });
  await app.ready();
  return {
    app,
    db,
    redis,
    queues,
    workers,
    journal,
    now,
    sends,
    close: async () => {
      await app.close();
      await workers.close();
      await queues.close();
      await pool.end();
      await db.$disconnect();
      redis.disconnect();
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}
