import type { Redis } from 'ioredis';
import type { Database } from '../store/database.ts';
import { pingDatabase } from '../store/ping-database.ts';
import type { ReadinessCheck } from './health-routes.ts';

/** Ready when PostgreSQL answers a trivial query. */
export function postgresCheck(db: Database): ReadinessCheck {
  return {
    name: 'postgres',
    check: () => pingDatabase(db),
  };
}

/** Ready when Redis is connected and answers PING; a connection still opening gets a moment. */
export function redisCheck(redis: Redis): ReadinessCheck {
  return {
    name: 'redis',
    check: async () => {
      // A connection still being opened (just after start-up) gets a moment; one that is down
      // would queue the PING until Redis is back: answer at once instead.
      if (redis.status === 'wait' || redis.status === 'connecting' || redis.status === 'connect')
        await readyWithin(redis, CONNECTING_GRACE_MS);
      if (redis.status !== 'ready') throw new Error(`connection is ${redis.status}`);
      await redis.ping();
    },
  };
}

/** How long a Redis connection being opened may take before it is reported down. */
const CONNECTING_GRACE_MS = 1_500;

function readyWithin(redis: Redis, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    redis.once('ready', done);
  });
}
