import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, GiveUp, startPrivateRedis, stopProcess, waitFor } from '../support/processes.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

/** `compagnon serve` as the quick start runs it, with its output collected. */
async function serve(env: Record<string, string>, until: RegExp, test: TestDatabase, redisUrl: string) {
  const port = await freePort();
  const child = spawn('node', ['bin/compagnon.js', 'serve'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: test.url,
      REDIS_URL: redisUrl,
      PORT: String(port),
      LOG_LEVEL: 'info',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new GiveUp(`serve exited with code ${child.exitCode}\n${stdout}${stderr}`);
      return until.test(stdout) ? true : undefined;
    },
    30_000,
    `serve printing ${until}`,
  );
  return { child, port, output: () => ({ stdout, stderr }) };
}

describe('the simulator of a started server', () => {
  let test: TestDatabase;
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    test = await createTestDatabase();
    redis = await startPrivateRedis();
  });

  afterAll(async () => {
    for (const child of running) await stopProcess(child);
    await redis?.stop();
    await test?.drop();
  });

  it('prints a ready link once on the terminal, keeps its key out of the logs, and answers 401 without it', async () => {
    const server = await serve({}, /Simulator: open /, test, redis.url);
    running.push(server.child);
    const base = `http://127.0.0.1:${server.port}`;
    const { stdout } = server.output();
    const link = new RegExp(`Simulator: open ${base}/simulator\\?key=([A-Za-z0-9_-]{43})\\n`).exec(stdout);
    expect(link, stdout).not.toBeNull();
    const key = link![1]!;

    // The back door of the quick start: a staff person made, DASHBOARD sent, the link read back.
    const people = await fetch(`${base}/simulator/api/people`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Intrus', role: 'staff' }),
    });
    expect(people.status).toBe(401);
    expect((await fetch(`${base}/simulator/api/people`)).status).toBe(401);
    expect((await fetch(`${base}/simulator`)).status).toBe(401);

    const opened = await fetch(`${base}/simulator?key=${key}`, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    const cookie = opened.headers.get('set-cookie') ?? '';
    const page = await fetch(`${base}/simulator`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect((await fetch(`${base}/simulator/api/hubs`, { headers: { 'x-simulator-key': key } })).status).toBe(200);

    // The JSON logs (what gets shipped) never hold the key, not even the address the link opened.
    const logLines = server
      .output()
      .stdout.split('\n')
      .filter((line) => line.startsWith('{'));
    expect(logLines.some((line) => line.includes('/simulator?key=[redacted]'))).toBe(true);
    expect(logLines.filter((line) => line.includes(key))).toEqual([]);
    expect(server.output().stdout.split(key)).toHaveLength(2);
  });

  it('in production, starts only with a key of its own, and then warns loudly without printing it', async () => {
    const refused = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn('node', ['bin/compagnon.js', 'serve'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          SIMULATOR: 'on',
          DATABASE_URL: test.url,
          REDIS_URL: redis.url,
        },
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('exit', (code) => resolve({ code, stderr }));
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'SIMULATOR_KEY is required when SIMULATOR is on in production (or set SIMULATOR=off)',
    );

    const key = 'production-simulator-key-0123456789';
    const server = await serve(
      { NODE_ENV: 'production', SIMULATOR: 'on', SIMULATOR_KEY: key, LOG_LEVEL: 'warn' },
      /Simulator: open /,
      test,
      redis.url,
    );
    running.push(server.child);
    const { stdout } = server.output();
    const warning = stdout.split('\n').find((line) => line.includes('THE SIMULATOR IS ON IN PRODUCTION'));
    expect(JSON.parse(warning ?? '{}')).toMatchObject({ level: 40 });
    expect(stdout).toContain(`Simulator: open http://127.0.0.1:${server.port}/simulator?key=<SIMULATOR_KEY>`);
    expect(stdout).not.toContain(key);
  });

  it('beside WhatsApp (real people), creates participants and newcomers only: no mentor, trainer or staff', async () => {
    const key = 'simulator-key-beside-whatsapp-0123';
    const whatsapp = {
      WHATSAPP_ACCESS_TOKEN: 'EAAG-test',
      WHATSAPP_PHONE_NUMBER_ID: '1',
      WHATSAPP_APP_SECRET: 'app-secret',
      WHATSAPP_VERIFY_TOKEN: 'verify',
      WHATSAPP_GRAPH_URL: 'http://127.0.0.1:9',
    };
    const server = await serve(
      { ...whatsapp, SIMULATOR: 'on', SIMULATOR_KEY: key },
      /Simulator: open /,
      test,
      redis.url,
    );
    running.push(server.child);
    const base = `http://127.0.0.1:${server.port}`;
    const create = (role: string) =>
      fetch(`${base}/simulator/api/people`, {
        method: 'POST',
        headers: { 'x-simulator-key': key, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Essai ${role}`, role }),
      });
    for (const role of ['staff', 'mentor', 'trainer']) {
      const refused = await create(role);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: string }).error).toBe(
        `the simulator creates no ${role} here: Telegram or WhatsApp is configured, so real people use this deployment and the simulator is for trying the participants' side (role participant or newcomer)`,
      );
    }
    expect((await create('participant')).status).toBe(201);
    expect((await create('newcomer')).status).toBe(201);
    // The page's form offers only those two.
    const page = await (await fetch(`${base}/simulator`, { headers: { 'x-simulator-key': key } })).text();
    const roles = [...(page.match(/<select name="role">(.*?)<\/select>/)?.[1] ?? '').matchAll(/value="(\w+)"/g)].map(
      (m) => m[1],
    );
    expect(roles).toEqual(['participant', 'newcomer']);
  });
});
