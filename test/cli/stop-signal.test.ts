import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, GiveUp, startPrivateRedis, waitFor } from '../support/processes.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

/** A process manager (or `docker stop`) sends SIGTERM and expects the process gone within seconds. */
describe('compagnon start with Redis down', () => {
  let test: TestDatabase;
  let app: ChildProcess | undefined;

  beforeAll(async () => {
    test = await createTestDatabase();
  });

  afterEach(() => {
    if (app && app.exitCode === null && app.signalCode === null) app.kill('SIGKILL');
  });

  afterAll(async () => {
    await test.drop();
  });

  /** Starts `compagnon start` against `redisUrl` and waits until it answers /healthz (and, if asked, has its workers). */
  async function start(redisUrl: string, until: 'web' | 'workers') {
    const port = await freePort();
    const started = { output: '' };
    app = spawn('node', ['bin/compagnon.js', 'start'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: test.url,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: `stop-${port}`,
        PORT: String(port),
        LOG_LEVEL: 'info',
      },
    });
    app.stdout?.on('data', (chunk: Buffer) => (started.output += chunk.toString()));
    app.stderr?.on('data', (chunk: Buffer) => (started.output += chunk.toString()));
    await waitFor(
      async () => {
        if (app?.exitCode !== null) throw new GiveUp(`compagnon start exited with code ${app?.exitCode}`);
        if (until === 'workers' && !started.output.includes('workers started')) return undefined;
        return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok ? true : undefined;
      },
      60_000,
      until === 'web' ? 'GET /healthz' : 'the workers',
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${started.output}`);
    });
    return started;
  }

  async function expectStopOnSigterm(started: { output: string }) {
    const child = app!;
    const exited = once(child, 'exit');
    const signalled = Date.now();
    child.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleepMs(15_000).then(() => false)]);
    expect(stopped, `still running 15 s after SIGTERM:\n${started.output}`).toBe(true);
    // The shutdown gives up after 4 s; the rest is room for a busy machine to end the process.
    expect(Date.now() - signalled).toBeLessThan(12_000);
    expect(started.output).toContain('shutting down');
  }

  it('stops within a few seconds of SIGTERM when Redis went down after the start', async () => {
    const redis = await startPrivateRedis();
    try {
      const started = await start(redis.url, 'workers');
      await redis.stop();
      await waitFor(
        async () => (started.output.includes('Redis connection') ? true : undefined),
        20_000,
        'the outage noticed',
      );
      await expectStopOnSigterm(started);
    } finally {
      await redis.stop();
    }
  }, 120_000);

  it('stops within a few seconds of SIGTERM while it still waits for Redis to start its workers', async () => {
    // Nothing listens there: Redis is down the whole time.
    const started = await start(`redis://127.0.0.1:${await freePort()}`, 'web');
    await expectStopOnSigterm(started);
  }, 120_000);
});

function sleepMs(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
