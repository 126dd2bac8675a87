import type { Redis } from 'ioredis';
import type { DatabasePool } from '../store/database.ts';
import type { InboundSink } from '../channels/inbound-sink.ts';
import { createChannels, type Channels } from '../channels/create-channels.ts';
import type { Config } from '../config.ts';
import type { Language } from '../domain/programme/language.ts';
import { createTranslate, type Translate } from '../i18n.ts';
import { createLogger, type Logger } from '../logger.ts';
import { createDatabase, createPool, type Database } from '../store/database.ts';
import { createInboundSink } from '../jobs/create-inbound-sink.ts';
import { JobQueues } from '../jobs/job-queues.ts';
import { pacedChannels, type SendLimit } from '../jobs/delivery-pace.ts';
import type { ChannelName } from '../domain/inbound-event.ts';
import { createRedis } from '../store/redis.ts';

/** The long-lived resources of a process, opened once and closed on shutdown. */
export interface Runtime {
  config: Config;
  logger: Logger;
  db: Database;
  redis: Redis;
  translate: Translate;
  defaultLanguage: Language;
  channels: Channels;
  queues: JobQueues;
  /** Where webhooks and the simulator hand inbound events. */
  sink: InboundSink;
  now: () => Date;
  close: () => Promise<void>;
}

/** The platforms' send limits from the configuration, per second. */
export function sendLimits(config: Config): Partial<Record<ChannelName, SendLimit>> {
  return {
    telegram: { max: config.TELEGRAM_MESSAGES_PER_SECOND, duration: 1000 },
    whatsapp: { max: config.WHATSAPP_MESSAGES_PER_SECOND, duration: 1000 },
  };
}

/**
 * Opens what a command needs. Redis, and the queues and inbound sink that use it, are opened on
 * first use: commands that only touch PostgreSQL (`import`, `assign`…) never connect to Redis,
 * so they neither wait for it nor print its connection errors when it is down.
 */
export function openRuntime(config: Config): Runtime {
  const logger = createLogger(config);
  const db = createDatabase(config.DATABASE_URL);
  const defaultLanguage: Language = config.DEFAULT_LOCALE;
  const translate = createTranslate({ defaultLanguage });
  let redis: Redis | undefined;
  let queues: JobQueues | undefined;
  let pool: DatabasePool | undefined;
  let sink: InboundSink | undefined;
  const openRedis = (): Redis => {
    if (redis) return redis;
    redis = createRedis(config.REDIS_URL);
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
    return redis;
  };
  const openQueues = (): JobQueues =>
    (queues ??= new JobQueues({
      connection: openRedis(),
      prefix: config.QUEUE_PREFIX,
      oneByOne: pacedChannels(sendLimits(config)),
      // The connection's own handler above reports the outage; this keeps a queue's report from ending the process.
      onError: (err, queue) => logger.debug({ err, queue }, 'queue connection error'),
    }));
  return {
    config,
    logger,
    db,
    get redis() {
      return openRedis();
    },
    translate,
    defaultLanguage,
    channels: createChannels(config, logger),
    get queues() {
      return openQueues();
    },
    get sink() {
      if (!sink) {
        pool = createPool(config.DATABASE_URL, { logger });
        sink = createInboundSink({ db, pool, queues: openQueues(), logger });
      }
      return sink;
    },
    now: () => new Date(),
    close: async () => {
      await queues?.close();
      await pool?.end();
      await db.$disconnect();
      redis?.disconnect();
    },
  };
}
