import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ChannelAdapter } from '../../src/channels/channel-adapter.ts';
import { createSimulatorChannel } from '../../src/channels/simulator/index.ts';
import { registerSimulatorRoutes } from '../../src/channels/simulator/routes.ts';
import type { ChannelName } from '../../src/domain/inbound-event.ts';
import { createServer } from '../../src/http/create-server.ts';
import { createTranslate } from '../../src/i18n.ts';
import { allJobs } from '../../src/jobs/all-jobs.ts';
import { createInboundSink } from '../../src/jobs/create-inbound-sink.ts';
import type { JobContext } from '../../src/jobs/job-definition.ts';
import { JobQueues } from '../../src/jobs/job-queues.ts';
import { startWorkers, type RunningWorkers } from '../../src/jobs/start-workers.ts';
import { createLogger, type Logger } from '../../src/logger.ts';
import { createPool } from '../../src/store/database.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';
import { redisConnection, uniquePrefix } from './redis.ts';

/** The key of every test app's simulator. */
export const TEST_SIMULATOR_KEY = 'test-simulator-key-0123456789abcdef';

export interface TestApp {
  test: TestDatabase;
  app: FastifyInstance;
  queues: JobQueues;
  workers: RunningWorkers;
  context: Omit<JobContext, 'job' | 'token'>;
  mediaDir: string;
  /** The simulator's key: SimulatedPerson sends it, as a script would. */
  simulatorKey: string;
  /** The queue prefix: every Redis key of this app starts with it. */
  prefix: string;
  sink: ReturnType<typeof createInboundSink>;
  close: () => Promise<void>;
}

/**
 * The whole pipeline in one process, on a database and queue prefix of its own: the HTTP server
 * with the simulator (and any extra routes), the inbound sink, and every worker. No repeating
 * schedule runs unless asked for: a test runs the sweeps it needs itself, under its own clock.
 */
export async function startTestApp(
  options: {
    /** The clock of every part of the app (jobs, simulator); the machine's unless given (see clock.ts). */
    now?: () => Date;
    /** Whether the repeating jobs are registered, as in production (they run on the real clock); no by default. */
    schedules?: boolean;
    maxMediaBytes?: number;
    /** The simulator's requests per minute from one address (a test of the limit sets it low). */
    simulatorRequestsPerMinute?: number;
    /** Whether the simulator takes any `sentAt` (default), as tests of deadlines need, or only recent ones, as in production. */
    simulatorAnySentAt?: boolean;
    /** Instead of a silent logger (or TEST_LOG_LEVEL's): to read what a request writes to the log. */
    logger?: Logger;
    channels?: Partial<Record<ChannelName, ChannelAdapter>>;
    routes?: ((
      app: FastifyInstance,
      deps: { sink: ReturnType<typeof createInboundSink>; db: TestDatabase['db']; queues: JobQueues },
    ) => void)[];
  } = {},
): Promise<TestApp> {
  const test = await createTestDatabase();
  const logger =
    options.logger ??
    createLogger({
      LOG_LEVEL: process.env.TEST_LOG_LEVEL === undefined ? 'silent' : (process.env.TEST_LOG_LEVEL as 'info'),
    });
  const connection = redisConnection();
  const prefix = uniquePrefix();
  const queues = new JobQueues({ connection, prefix });
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'compagnon-media-'));
  const simulator = createSimulatorChannel({ config: { mediaDir }, logger });
  const pool = createPool(test.url);
  const sink = createInboundSink({ db: test.db, pool, queues, logger });
  const maxMediaBytes = options.maxMediaBytes ?? 1024 * 1024;
  const context: Omit<JobContext, 'job' | 'token'> = {
    db: test.db,
    logger,
    now: options.now ?? (() => new Date()),
    translate: createTranslate({ defaultLanguage: 'fr' }),
    defaultLanguage: 'fr',
    channels: { simulator: simulator.adapter, ...options.channels },
    queues,
    media: { dir: mediaDir, maxBytes: maxMediaBytes },
  };
  const workers = await startWorkers(allJobs(), { connection, prefix, context, schedules: options.schedules ?? false });
  const app = createServer({
    logger,
    readinessChecks: [],
    routes: [
      (server) =>
        registerSimulatorRoutes(server, {
          db: test.db,
          sink,
          uploadsDir: simulator.uploadsDir,
          maxMediaBytes,
          now: context.now,
          key: TEST_SIMULATOR_KEY,
          translate: context.translate,
          defaultLanguage: context.defaultLanguage,
          requestsPerMinute: options.simulatorRequestsPerMinute ?? 1_000_000,
          anySentAt: options.simulatorAnySentAt ?? true,
        }),
      ...(options.routes ?? []).map(
        (register) => (server: FastifyInstance) => register(server, { sink, db: test.db, queues }),
      ),
    ],
  });
  await app.ready();
  return {
    test,
    app,
    queues,
    workers,
    context,
    mediaDir,
    simulatorKey: TEST_SIMULATOR_KEY,
    prefix,
    sink,
    close: async () => {
      await app.close();
      await Promise.all(workers.queues.map((queue) => queue.obliterate({ force: true })));
      await workers.close();
      await queues.close();
      await pool.end();
      await test.drop();
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}
