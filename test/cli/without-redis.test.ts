import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/processes.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

/** Commands that only use PostgreSQL work, and say nothing about Redis, while Redis is down. */
describe('the compagnon command with Redis down', () => {
  let test: TestDatabase;
  let redisUrl: string;

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
    // Nothing listens there: Redis is down.
    redisUrl = `redis://127.0.0.1:${await freePort()}`;
  });

  afterAll(async () => {
    await test.drop();
  });

  async function compagnon(args: string[]) {
    const { stdout, stderr } = await promisify(execFile)('node', ['bin/compagnon.js', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATABASE_URL: test.url, REDIS_URL: redisUrl, LOG_LEVEL: 'info' },
    });
    return stdout + stderr;
  }

  it('imports a programme and previews a schedule without a word about Redis', async () => {
    const imported = await compagnon(['import', 'examples/connexions-citoyennes.yaml']);
    expect(imported).not.toMatch(/redis|ECONNREFUSED/i);
    const preview = await compagnon(['schedule', 'preview', '--cohort', 'promo-2027', '--days', '7']);
    expect(preview).toContain('promo-2027');
    expect(preview).not.toMatch(/redis|ECONNREFUSED/i);
  });
});
