import { Redis } from 'ioredis';

/**
 * A Redis connection for BullMQ and health checks. BullMQ needs `maxRetriesPerRequest: null`
 * so that its blocking commands wait through a Redis restart instead of failing.
 */
export function createRedis(redisUrl: string, options: { lazyConnect?: boolean } = {}): Redis {
  return new Redis(redisUrl, {
    maxRetriesPerRequest: null,
    lazyConnect: options.lazyConnect ?? false,
    // Reconnect forever, backing off to 2 s: a restarted Redis is picked up again.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  });
}
