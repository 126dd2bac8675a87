// npm run bench:delivery — a 10,000-recipient broadcast through the real pipeline (PostgreSQL,
// Redis, BullMQ, the Telegram adapter) to a local stand-in for the Telegram Bot API.
//
// 1. Platform limits off: how many messages per second the pipeline delivers.
// 2. Telegram's limits on (the stand-in answers 429 past 30 messages/s overall or 1/s per chat,
//    as Telegram does): the rate achieved over a measured window, as a fraction of 30/s, and the
//    number of 429s received. Ratios, not absolute timings, are what to compare between runs.
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import { createTelegramChannel } from '../src/channels/telegram/index.ts';
import { createTranslate } from '../src/i18n.ts';
import { allJobs } from '../src/jobs/all-jobs.ts';
import { JobQueues } from '../src/jobs/job-queues.ts';
import { startWorkers } from '../src/jobs/start-workers.ts';
import { createLogger } from '../src/logger.ts';
import { addParticipants, benchDatabase } from './support.ts';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 10_000);
const THROTTLED_WINDOW_S = Number(process.env.BENCH_WINDOW ?? 20);
const TELEGRAM_LIMIT_PER_S = 30;
const TOKEN = '123456:bench';

/** A Bot API stand-in that enforces Telegram's limits when asked to. */
function botApiStandIn() {
  const state = { limits: false, sent: 0, tooMany: 0, second: 0, inSecond: 0, lastByChat: new Map<string, number>() };
  const app = Fastify();
  app.post(`/bot${TOKEN}/sendMessage`, async (request, reply) => {
    const body = request.body as { chat_id: string | number; text: string };
    const now = Date.now();
    if (state.limits) {
      const second = Math.floor(now / 1000);
      if (second !== state.second) {
        state.second = second;
        state.inSecond = 0;
      }
      const chat = String(body.chat_id);
      const last = state.lastByChat.get(chat) ?? 0;
      if (state.inSecond >= TELEGRAM_LIMIT_PER_S || now - last < 1000) {
        state.tooMany++;
        return reply.code(429).send({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
      }
      state.inSecond++;
      state.lastByChat.set(chat, now);
    }
    state.sent++;
    return { ok: true, result: { message_id: state.sent, date: Math.floor(now / 1000), chat: { id: Number(body.chat_id), type: 'private' }, text: body.text } };
  });
  return { app, state };
}

const bench = await benchDatabase();
const { db } = bench;
const api = botApiStandIn();
const apiRoot = await api.app.listen({ host: '127.0.0.1', port: 0 });
const logger = createLogger({ LOG_LEVEL: 'error' });
const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };

async function run(limited: boolean) {
  const prefix = `bench-${randomBytes(3).toString('hex')}`;
  const queues = new JobQueues({ connection, prefix });
  const telegram = createTelegramChannel({ config: { botToken: TOKEN, apiRoot, mode: 'polling' }, logger });
  const context = {
    db,
    logger,
    now: () => new Date(),
    translate: createTranslate({ defaultLanguage: 'fr' }),
    defaultLanguage: 'fr' as const,
    channels: { telegram: telegram.adapter },
    queues,
    media: { dir: tmpdir(), maxBytes: 1024 * 1024 },
    chatIntervalMs: { telegram: limited ? 1000 : 0 },
  };
  const jobs = allJobs({ telegram: limited ? { max: TELEGRAM_LIMIT_PER_S, duration: 1000 } : { max: 1_000_000, duration: 1000 } });
  const workers = await startWorkers(jobs, { connection, prefix, context });
  api.state.limits = limited;
  api.state.sent = 0;
  api.state.tooMany = 0;

  const programme = await db.programme.findFirstOrThrow();
  const segment = await db.segment.create({ data: { programmeId: programme.id, filter: {} } });
  const broadcast = await db.broadcast.create({
    data: { programmeId: programme.id, segmentId: segment.id, texts: { fr: 'Session en ligne mercredi à 15:00.', en: 'Online session on Wednesday at 15:00.' }, status: 'scheduled', scheduledAt: new Date() },
  });
  const started = performance.now();
  await queues.fanOutBroadcasts([broadcast.id], new Date());
  let result: string;
  if (!limited) {
    while ((await db.outboundMessage.count({ where: { broadcastId: broadcast.id, status: 'sent' } })) < RECIPIENTS) await sleep(200);
    const seconds = (performance.now() - started) / 1000;
    result = `limits off: ${RECIPIENTS} messages in ${seconds.toFixed(1)} s = ${(RECIPIENTS / seconds).toFixed(0)} messages/s (goal ≥ 1000/s): ${RECIPIENTS / seconds >= 1000 ? 'met' : 'NOT met'}`;
  } else {
    // Measure once the fan-out is done and sending has settled into its pace.
    while ((await db.outboundMessage.count({ where: { broadcastId: broadcast.id } })) < RECIPIENTS) await sleep(200);
    await sleep(2000);
    const before = api.state.sent;
    const tooManyBefore = api.state.tooMany;
    await sleep(THROTTLED_WINDOW_S * 1000);
    const rate = (api.state.sent - before) / THROTTLED_WINDOW_S;
    const tooMany = api.state.tooMany;
    result =
      `Telegram limits on: ${rate.toFixed(1)} messages/s over ${THROTTLED_WINDOW_S} s = ${((rate / TELEGRAM_LIMIT_PER_S) * 100).toFixed(1)}% of ${TELEGRAM_LIMIT_PER_S}/s; ` +
      `429s: ${tooMany} (${tooMany - tooManyBefore} in the window) (goal ≥ 95%, no 429): ${rate / TELEGRAM_LIMIT_PER_S >= 0.95 && tooMany === 0 ? 'met' : 'NOT met'}`;
  }
  // Stop the workers first, so that no job finishes on a queue being emptied.
  await Promise.all(workers.workers.map((worker) => worker.close(true)));
  await Promise.all(workers.queues.map((queue) => queue.obliterate({ force: true })));
  await workers.close();
  await queues.close();
  return result;
}

try {
  await addParticipants(db, RECIPIENTS, 'telegram');
  const unthrottled = await run(false);
  console.log(unthrottled);
  const throttled = await run(true);
  console.log(throttled);
} finally {
  await api.app.close();
  await bench.drop();
  process.exit(process.exitCode ?? 0);
}
