// npm run bench:delivery — a 10,000-recipient broadcast through the real pipeline (PostgreSQL,
// Redis, BullMQ, the Telegram adapter) to a local stand-in for the Telegram Bot API, which runs in
// a process of its own (bench/telegram-stand-in.ts), as the platform does.
//
// 1. Platform limits off: how many messages per second the pipeline delivers.
// 2. Telegram's limits on (the stand-in answers 429 past 30 messages/s overall or 1/s per chat,
//    as Telegram does): the rate achieved over a measured window, as a fraction of 30/s, and the
//    number of 429s received. Ratios, not absolute timings, are what to compare between runs.
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fork } from 'node:child_process';
import path from 'node:path';
import { createTelegramChannel } from '../src/channels/telegram/index.ts';
import { createTranslate } from '../src/i18n.ts';
import { allJobs } from '../src/jobs/all-jobs.ts';
import { JobQueues } from '../src/jobs/job-queues.ts';
import { pacedChannels } from '../src/jobs/delivery-pace.ts';
import { startWorkers } from '../src/jobs/start-workers.ts';
import { createLogger } from '../src/logger.ts';
import { addParticipants, benchDatabase } from './support.ts';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 10_000);
const THROTTLED_WINDOW_S = Number(process.env.BENCH_WINDOW ?? 20);
const TELEGRAM_LIMIT_PER_S = 30;
const TOKEN = '123456:bench';

/** The Bot API stand-in, in a child process; its counters are read over HTTP. */
async function botApiStandIn() {
  const child = fork(path.join(import.meta.dirname, 'telegram-stand-in.ts'), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_BOT_TOKEN: TOKEN },
  });
  const apiRoot = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { address: string }).address));
    child.once('exit', (code) => reject(new Error(`the Bot API stand-in exited with code ${code}`)));
  });
  return {
    apiRoot,
    setLimits: async (limits: boolean) => {
      await fetch(`${apiRoot}/control`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ limits }),
      });
    },
    counters: async () => (await (await fetch(`${apiRoot}/control`)).json()) as { sent: number; tooMany: number },
    stop: () => child.kill('SIGTERM'),
  };
}

const bench = await benchDatabase();
const { db } = bench;
const api = await botApiStandIn();
const apiRoot = api.apiRoot;
const logger = createLogger({ LOG_LEVEL: 'error' });
const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };

async function run(limited: boolean) {
  const prefix = `bench-${randomBytes(3).toString('hex')}`;
  // As deployed (see runtime.ts): a paced channel's messages get a delivery job each.
  const limits = {
    telegram: limited ? { max: TELEGRAM_LIMIT_PER_S, duration: 1000 } : { max: 1_000_000, duration: 1000 },
  };
  const queues = new JobQueues({ connection, prefix, oneByOne: pacedChannels(limits) });
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
  const jobs = allJobs(limits);
  const workers = await startWorkers(jobs, { connection, prefix, context });
  await api.setLimits(limited);

  const programme = await db.programme.findFirstOrThrow();
  const segment = await db.segment.create({ data: { programmeId: programme.id, filter: {} } });
  const broadcast = await db.broadcast.create({
    data: {
      programmeId: programme.id,
      segmentId: segment.id,
      texts: { fr: 'Session en ligne mercredi à 15:00.', en: 'Online session on Wednesday at 15:00.' },
      status: 'scheduled',
      scheduledAt: new Date(),
    },
  });
  const started = performance.now();
  await queues.fanOutBroadcasts([broadcast.id], new Date());
  let result: string;
  if (!limited) {
    while ((await db.outboundMessage.count({ where: { broadcastId: broadcast.id, status: 'sent' } })) < RECIPIENTS)
      await sleep(200);
    const seconds = (performance.now() - started) / 1000;
    result = `limits off: ${RECIPIENTS} messages in ${seconds.toFixed(1)} s = ${(RECIPIENTS / seconds).toFixed(0)} messages/s (goal ≥ 1000/s): ${RECIPIENTS / seconds >= 1000 ? 'met' : 'NOT met'}`;
  } else {
    // Measure once the fan-out is done and sending has settled into its pace.
    while ((await db.outboundMessage.count({ where: { broadcastId: broadcast.id } })) < RECIPIENTS) await sleep(200);
    await sleep(2000);
    const before = await api.counters();
    await sleep(THROTTLED_WINDOW_S * 1000);
    const after = await api.counters();
    const rate = (after.sent - before.sent) / THROTTLED_WINDOW_S;
    const tooMany = after.tooMany;
    const tooManyBefore = before.tooMany;
    result =
      `Telegram limits on: ${rate.toFixed(1)} messages/s over ${THROTTLED_WINDOW_S} s = ${((rate / TELEGRAM_LIMIT_PER_S) * 100).toFixed(1)}% of ${TELEGRAM_LIMIT_PER_S}/s; ` +
      `429s: ${tooMany} (${tooMany - tooManyBefore} in the window) (goal ≥ 95%, no 429): ${rate / TELEGRAM_LIMIT_PER_S >= 0.95 && tooMany === 0 ? 'met' : 'NOT met'}`;
  }
  // Stop the workers first, letting the jobs they run finish (the database goes next), so that
  // no job finishes on a queue being emptied.
  await Promise.all(workers.workers.map((worker) => worker.close()));
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
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  api.stop();
  await bench.drop();
  process.exit(process.exitCode ?? 0);
}
