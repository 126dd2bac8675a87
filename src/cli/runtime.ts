import type { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import { isLanguage } from '../domain/programme/language.ts';
import { createTranslate, type Translate } from '../i18n.ts';
import { createLogger, type Logger } from '../logger.ts';
import { createDatabase, type Database } from '../store/database.ts';
import { createRedis } from '../store/redis.ts';

/** The long-lived resources of a process, opened once and closed on shutdown. */
export interface Runtime {
  config: Config;
  logger: Logger;
  db: Database;
  redis: Redis;
  translate: Translate;
  now: () => Date;
  close: () => Promise<void>;
}

export function openRuntime(config: Config): Runtime {
  const logger = createLogger(config);
  const db = createDatabase(config.DATABASE_URL);
  const redis = createRedis(config.REDIS_URL);
  // ioredis reconnects by itself; log the outage once per state change, not per attempt.
  let lastStatus = '';
  const logStatus = (status: string, err?: Error) => {
    if (status === lastStatus) return;
    lastStatus = status;
    if (status === 'ready') logger.info('connected to Redis');
    else logger.warn({ err }, `Redis connection ${status}`);
  };
  redis.on('ready', () => logStatus('ready'));
  redis.on('error', (err: Error) => logStatus('error', err));
  const translate = createTranslate({ defaultLanguage: isLanguage(config.DEFAULT_LOCALE) ? config.DEFAULT_LOCALE : 'fr' });
  return {
    config,
    logger,
    db,
    redis,
    translate,
    now: () => new Date(),
    close: async () => {
      await db.$disconnect();
      redis.disconnect();
    },
  };
}
