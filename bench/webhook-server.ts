// The web process under load for `npm run bench:webhooks`: the real Telegram and WhatsApp
// webhooks recording into PostgreSQL (and queueing handling in Redis), plus a bare Fastify
// route that only parses JSON, as the baseline. Started as a child process by bench/webhooks.ts.
import { createTelegramChannel } from '../src/channels/telegram/index.ts';
import { createWhatsappChannel } from '../src/channels/whatsapp/index.ts';
import { createServer } from '../src/http/create-server.ts';
import { createInboundSink } from '../src/jobs/create-inbound-sink.ts';
import { JobQueues } from '../src/jobs/job-queues.ts';
import { createLogger } from '../src/logger.ts';
import { createDatabase, createPool } from '../src/store/database.ts';
import { createRedis } from '../src/store/redis.ts';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const logger = createLogger({ LOG_LEVEL: 'warn' });
const db = createDatabase(env('DATABASE_URL'), { maxConnections: 20 });
const redis = createRedis(env('REDIS_URL'));
const queues = new JobQueues({ connection: redis, prefix: env('QUEUE_PREFIX') });
const pool = createPool(env('DATABASE_URL'), { maxConnections: 4 });
const sink = createInboundSink({ db, pool, queues, logger });
const telegram = createTelegramChannel({
  config: {
    botToken: '123456:bench',
    apiRoot: 'http://127.0.0.1:1',
    webhookSecret: env('TELEGRAM_WEBHOOK_SECRET'),
    mode: 'webhook',
  },
  logger,
});
const whatsapp = createWhatsappChannel({
  config: {
    accessToken: 'bench',
    phoneNumberId: '106540352242922',
    appSecret: env('WHATSAPP_APP_SECRET'),
    verifyToken: 'bench',
    graphUrl: 'http://127.0.0.1:1',
    apiVersion: 'v23.0',
  },
  logger,
});

const app = createServer({
  logger,
  readinessChecks: [],
  routes: [
    (server) => telegram.registerWebhook(server, sink),
    (server) => whatsapp.registerWebhook(server, sink),
    (server) => server.post('/bench/bare', async (request) => ({ ok: typeof request.body === 'object' })),
  ],
});
await app.listen({ host: '127.0.0.1', port: Number(env('PORT')) });
process.send?.('ready');
process.on('SIGTERM', () => {
  void app.close().then(async () => {
    await queues.close();
    await pool.end();
    await db.$disconnect();
    redis.disconnect();
    process.exit(0);
  });
});
