import type { Redis } from 'ioredis';
import type { Database } from '../store/database.ts';
import type { ReadinessCheck } from './health-routes.ts';

export function postgresCheck(db: Database): ReadinessCheck {
  return {
    name: 'postgres',
    check: async () => {
      await db.$queryRaw`SELECT 1`;
    },
  };
}

export function redisCheck(redis: Redis): ReadinessCheck {
  return {
    name: 'redis',
    check: async () => {
      // While disconnected, ioredis would queue the PING until Redis is back: answer at once instead.
      if (redis.status !== 'ready') throw new Error(`connection is ${redis.status}`);
      await redis.ping();
    },
  };
}
