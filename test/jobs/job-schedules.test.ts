import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob } from '../../src/jobs/job-definition.ts';
import { startWorkers, type RunningWorkers } from '../../src/jobs/start-workers.ts';
import { createRedis } from '../../src/store/redis.ts';
import { testJobContext } from '../support/job-context.ts';
import { waitFor } from '../support/processes.ts';
import { uniquePrefix } from '../support/redis.ts';
import { RedisServer } from '../support/redis-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/**
 * A Redis restarted without its data has lost every job schedule, and with them the releases,
 * reminders and the sweep. The workers register them again as soon as their connection is ready,
 * not at their next periodic registration (every 5 minutes).
 */
describe('job schedules after Redis lost its data', () => {
  const redis = new RedisServer({ persistence: false });
  const prefix = uniquePrefix();
  const nightly = defineJob({
    name: 'nightly-chore',
    payload: z.object({}),
    repeat: { pattern: '0 3 * * *', timeZone: 'UTC', payload: {} },
    handle: async () => {},
  });
  const hourly = defineJob({
    name: 'hourly-chore',
    payload: z.object({}),
    repeat: { pattern: '0 * * * *', timeZone: 'UTC', payload: {} },
    handle: async () => {},
  });
  let test: TestDatabase;
  let connection: ReturnType<typeof createRedis>;
  let workers: RunningWorkers;
  let context: ReturnType<typeof testJobContext>;

  beforeAll(async () => {
    await redis.start();
    test = await createTestDatabase();
    connection = createRedis(redis.url);
    connection.on('error', () => {});
    context = testJobContext(test.db, prefix);
    workers = await startWorkers([nightly, hourly], { connection, prefix, context });
  });

  afterAll(async () => {
    await workers.close();
    await context.queues.close();
    connection.disconnect();
    await redis.remove();
    await test.drop();
  });

  it('has every schedule again within seconds of the restart', async () => {
    const schedules = async () =>
      (await Promise.all(workers.queues.map(async (queue) => (await queue.getJobSchedulers()).map((s) => s.key))))
        .flat()
        .sort();
    expect(await schedules()).toEqual(['hourly-chore', 'nightly-chore']);
    await redis.stop();
    await redis.start();
    const startedAt = Date.now();
    await waitFor(
      async () => ((await schedules()).length === 2 ? true : undefined),
      5_000,
      'the schedules registered again',
    );
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect(await schedules()).toEqual(['hourly-chore', 'nightly-chore']);
  });
});
