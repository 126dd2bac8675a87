// npm run bench:webhooks — inbound webhook throughput and latency on loopback.
//
// Loads the real Telegram webhook and the real WhatsApp webhook (signed payloads) of a web
// process recording into PostgreSQL, and, in the same run, a bare Fastify route that only parses
// JSON, as the baseline. Prints each figure and its ratio to the baseline, and checks that every
// request answered 200 was durably recorded. Timings are noisy on a shared machine: read ratios.
import { fork } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { applyMigrations } from '../src/store/migrations.ts';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SENDERS = 1_000;
const GOAL_EVENTS_PER_S = 2_000;
const GOAL_P99_MS = 50;

const server = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/compagnon');
const databaseUrl = new URL(server);
databaseUrl.pathname = `/compagnon_bench_${randomBytes(3).toString('hex')}`;
const telegramSecret = 'bench_secret';
const appSecret = 'bench-app-secret';
const port = 20_000 + Math.floor(Math.random() * 20_000);
const base = `http://127.0.0.1:${port}`;

await applyMigrations({ databaseUrl: databaseUrl.toString() });
const child = fork(path.join(import.meta.dirname, 'webhook-server.ts'), {
  execArgv: [
    '--import',
    'tsx',
    ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROFILE] : []),
  ],
  env: {
    ...process.env,
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `bench-${randomBytes(3).toString('hex')}`,
    PORT: String(port),
    TELEGRAM_WEBHOOK_SECRET: telegramSecret,
    WHATSAPP_APP_SECRET: appSecret,
  },
});
await new Promise<void>((resolve, reject) => {
  child.once('message', () => resolve());
  child.once('exit', (code) => reject(new Error(`the bench server exited with code ${code}`)));
});

let sequence = 0;
const nowSeconds = () => Math.floor(Date.now() / 1000);

function telegramUpdate() {
  const n = ++sequence;
  const chat = 100_000 + (n % SENDERS);
  return JSON.stringify({
    update_id: n,
    message: {
      message_id: n,
      date: nowSeconds(),
      chat: { id: chat, type: 'private', first_name: 'Awa' },
      from: { id: chat, is_bot: false, first_name: 'Awa' },
      text: `réponse ${n}`,
    },
  });
}

/** Meta's JSON: non-ASCII escaped as \uXXXX, then signed over those exact bytes. */
function whatsappPayload() {
  const n = ++sequence;
  const waId = `22507${String(n % SENDERS).padStart(6, '0')}`;
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
              contacts: [{ profile: { name: 'Aïcha' }, wa_id: waId }],
              messages: [
                {
                  from: waId,
                  id: `wamid.bench.${n}`,
                  timestamp: String(nowSeconds()),
                  type: 'text',
                  text: { body: `Réponse ${n}` },
                },
              ],
            },
          },
        ],
      },
    ],
  }).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return { body, signature: `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}` };
}

async function load(name: string, pathname: string, setup: (request: autocannon.Request) => void): Promise<Result> {
  const result = await autocannon({
    url: `${base}${pathname}`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          setup(request);
          return request;
        },
      },
    ],
  });
  console.log(`${name}: done`);
  return result;
}

async function recorded(channel: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl.toString() });
  await client.connect();
  const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM "InboundEvent" WHERE channel = $1', [
    channel,
  ]);
  await client.end();
  return Number(rows[0]?.count ?? 0);
}

try {
  const bare = await load('bare Fastify route', '/bench/bare', (request) => {
    request.body = telegramUpdate();
    request.headers = { 'content-type': 'application/json' };
  });
  const telegram = await load('Telegram webhook', '/webhooks/telegram', (request) => {
    request.body = telegramUpdate();
    request.headers = { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': telegramSecret };
  });
  const whatsapp = await load('WhatsApp webhook', '/webhooks/whatsapp', (request) => {
    const { body, signature } = whatsappPayload();
    request.body = body;
    request.headers = { 'content-type': 'application/json', 'x-hub-signature-256': signature };
  });

  const rows = [
    { name: 'bare Fastify route (JSON only)', result: bare, stored: null as number | null },
    { name: 'Telegram webhook', result: telegram, stored: await recorded('telegram') },
    { name: 'WhatsApp webhook (signed)', result: whatsapp, stored: await recorded('whatsapp') },
  ];
  const baseline = bare.requests.average;
  console.log(`\n${CONNECTIONS} connections, ${DURATION_S} s each, ${SENDERS} distinct senders\n`);
  console.log('route                              req/s   p50 ms  p99 ms   2xx     recorded  ratio to bare');
  let ok = true;
  for (const { name, result, stored } of rows) {
    const rate = result.requests.average;
    console.log(
      `${name.padEnd(34)} ${rate.toFixed(0).padStart(6)} ${String(result.latency.p50).padStart(8)} ${String(result.latency.p99).padStart(7)} ${String(result['2xx']).padStart(7)} ${String(stored ?? '-').padStart(10)}  ${(rate / baseline).toFixed(3)}`,
    );
    if (stored !== null) {
      // Requests still in flight when the load stops are recorded but not counted as answered.
      const lost = result['2xx'] - stored;
      if (lost > 0) {
        console.log(`  ${name}: ${lost} request(s) answered 200 but not recorded`);
        ok = false;
      }
      const meets = rate >= GOAL_EVENTS_PER_S && result.latency.p99 < GOAL_P99_MS;
      console.log(
        `  goal (≥ ${GOAL_EVENTS_PER_S} events/s recorded, p99 < ${GOAL_P99_MS} ms): ${meets ? 'met' : 'NOT met'}`,
      );
    }
    if (result.errors > 0 || result.non2xx > 0)
      console.log(`  errors: ${result.errors}, non-2xx answers: ${result.non2xx}`);
  }
  process.exitCode = ok ? 0 : 1;
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  const admin = new pg.Client({ connectionString: new URL('/postgres', server).toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${databaseUrl.pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
}
