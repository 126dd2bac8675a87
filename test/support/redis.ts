import { randomBytes } from 'node:crypto';
import type { ConnectionOptions } from 'bullmq';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Connection options for BullMQ on the test Redis. */
export function redisConnection(): ConnectionOptions {
  const url = new URL(REDIS_URL);
  return { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
}

/** A queue prefix of its own for one test, so that files running in parallel never share a queue. */
export function uniquePrefix(): string {
  return `test-${randomBytes(4).toString('hex')}`;
}
