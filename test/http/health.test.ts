import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/http/create-server.ts';
import { postgresCheck, redisCheck } from '../../src/http/readiness-checks.ts';
import { createLogger } from '../../src/logger.ts';
import { createDatabase } from '../../src/store/database.ts';
import { createRedis } from '../../src/store/redis.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const logger = createLogger({ LOG_LEVEL: 'silent' });
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// Nothing listens on port 1: a database or Redis that is down.
const DOWN_POSTGRES = 'postgresql://postgres@127.0.0.1:1/compagnon';
const DOWN_REDIS = 'redis://127.0.0.1:1';

describe('health endpoints', () => {
  let test: TestDatabase;
  const redis = createRedis(REDIS_URL);
  const deadRedis = createRedis(DOWN_REDIS);
  const deadDb = createDatabase(DOWN_POSTGRES);
  deadRedis.on('error', () => {});
  let up: FastifyInstance;
  let redisDown: FastifyInstance;
  let bothDown: FastifyInstance;

  beforeAll(async () => {
    test = await createTestDatabase();
    up = createServer({ logger, readinessChecks: [postgresCheck(test.db), redisCheck(redis)] });
    redisDown = createServer({ logger, readinessChecks: [postgresCheck(test.db), redisCheck(deadRedis)] });
    bothDown = createServer({ logger, readinessChecks: [postgresCheck(deadDb), redisCheck(deadRedis)] });
  });

  afterAll(async () => {
    await Promise.all([up.close(), redisDown.close(), bothDown.close()]);
    redis.disconnect();
    deadRedis.disconnect();
    await deadDb.$disconnect();
    await test.drop();
  });

  it('/healthz answers while the process runs, whatever its dependencies', async () => {
    const response = await bothDown.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 when PostgreSQL and Redis answer', async () => {
    await redis.ping();
    const response = await up.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' } });
  });

  it('/readyz answers 503 naming Redis when Redis is down', async () => {
    const response = await redisDown.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: 'unavailable', down: ['redis'], checks: { postgres: 'ok' } });
    expect(response.json().checks.redis).toMatch(/^down: /);
  });

  it('/readyz names both when both are down, within a few seconds', async () => {
    const started = Date.now();
    const response = await bothDown.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json().down).toEqual(['postgres', 'redis']);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('answers 404 for an unknown path', async () => {
    const response = await up.inject({ method: 'GET', url: '/nowhere' });
    expect(response.statusCode).toBe(404);
  });
});
