import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/store/database.ts';
import { freePort, GiveUp, startPrivateRedis, stopProcess, waitFor } from '../support/processes.ts';
import { dropDatabase, unusedDatabaseUrl } from '../support/test-database.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

describe('npm start on a machine with PostgreSQL and Redis running', () => {
  const databaseUrl = unusedDatabaseUrl();
  let redis: Awaited<ReturnType<typeof startPrivateRedis>> | undefined;
  let app: ChildProcess | undefined;
  let output = '';

  afterAll(async () => {
    if (app) {
      await stopProcess(app, true);
      // npm exits at once; what it started (sh, then node) must not outlive the test.
      await stopGroup(app);
    }
    await redis?.stop();
    await dropDatabase(databaseUrl);
  });

  it('migrates a new database, imports the sample, answers /healthz within 30 s, and reports Redis when it stops', async () => {
    redis = await startPrivateRedis();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    app = spawn('npm', ['start'], {
      cwd: ROOT,
      detached: true,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: databaseUrl,
        REDIS_URL: redis.url,
        PORT: String(port),
        LOG_LEVEL: 'warn',
      },
    });
    app.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    app.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

    const started = Date.now();
    const health = await waitFor(
      async () => {
        if (app?.exitCode !== null) throw new GiveUp(`npm start exited with code ${app?.exitCode}`);
        const response = await fetch(`${base}/healthz`);
        return response.ok ? response.json() : undefined;
      },
      30_000,
      'GET /healthz',
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${output}`);
    });
    expect(health).toEqual({ status: 'ok' });
    expect(Date.now() - started).toBeLessThan(30_000);
    // The quick start's way into the simulator: its ready link, key included.
    const readyLink = new RegExp(`Simulator: open ${base}/simulator\\?key=[A-Za-z0-9_-]{43}\n`);
    await waitFor(async () => (readyLink.test(output) ? true : undefined), 5_000, 'the simulator link').catch(
      (error: Error) => {
        throw new Error(`${error.message}\n${output}`);
      },
    );
    expect((await fetch(`${base}/simulator/api/people`)).status).toBe(401);
    // Nobody can sign in to the dashboard yet: the start says once how to make the first staff member.
    const hint = 'node bin/compagnon.js staff add --name "Your name" --programme connexions-citoyennes\n';
    await waitFor(async () => (output.includes(hint) ? true : undefined), 5_000, 'the first-staff hint').catch(
      (error: Error) => {
        throw new Error(`${error.message}\n${output}`);
      },
    );
    expect(output.split('nobody can sign in yet')).toHaveLength(2);

    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);

    const db = createDatabase(databaseUrl);
    try {
      expect(await db.programme.findMany({ select: { key: true } })).toEqual([{ key: 'connexions-citoyennes' }]);
    } finally {
      await db.$disconnect();
    }

    await redis.stop();
    const notReady = await waitFor(
      async () => {
        const response = await fetch(`${base}/readyz`);
        return response.status === 503 ? response.json() : undefined;
      },
      10_000,
      '/readyz reporting Redis down',
    );
    expect(notReady).toMatchObject({ status: 'unavailable', down: ['redis'], checks: { postgres: 'ok' } });
  });

  it('stops, with everything it started, within a few seconds of SIGTERM while Redis is down', async () => {
    if (!app) throw new Error('npm start did not run');
    const group = app.pid!;
    const signalled = Date.now();
    process.kill(-group, 'SIGTERM');
    await waitFor(async () => (groupAlive(group) ? undefined : true), 15_000, 'the npm start processes to exit');
    expect(Date.now() - signalled).toBeLessThan(8_000);
  });
});

/** Whether any process of the group still runs. */
function groupAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits for the whole process group to be gone, killing it if it lingers. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const group = child.pid;
  if (!group) return;
  const deadline = Date.now() + 10_000;
  while (groupAlive(group) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  if (groupAlive(group)) process.kill(-group, 'SIGKILL');
}
