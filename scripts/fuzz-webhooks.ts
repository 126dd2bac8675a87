// npm run fuzz:webhooks — mutated webhook requests against a real web process.
//
// Starts the web process of the webhook benchmark on loopback against a fresh database, sends
// FUZZ_REQUESTS (default 10,000) requests within FUZZ_SECONDS (default 600): Telegram updates
// with the right secret and WhatsApp bodies signed as Meta signs them, mutated (NUL, lone
// surrogates, huge strings, wrong types, missing fields, absurd timestamps, deep nesting,
// duplicate ids), mixed with valid events, poison events among valid ones sent at once, bursts
// from one sender, garbage and forged requests. FUZZ_SEED (default 1) replays a run exactly.
// Prints the answers by status class, 5xx, crashes, valid events lost and same-sender 503s, and
// exits with 1 when any of those is not 0.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations } from '../src/store/migrations.ts';
import { runWebhookFuzz, type FuzzFigures } from './fuzz/run-webhook-fuzz.ts';
import { startWebhookProcess } from './fuzz/start-webhook-process.ts';

const server = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/compagnon');
const databaseUrl = new URL(server);
databaseUrl.pathname = `/compagnon_fuzz_${randomBytes(3).toString('hex')}`;
const seed = Number(process.env.FUZZ_SEED ?? 1);
const requests = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const seconds = Number(process.env.FUZZ_SECONDS ?? 600);

await applyMigrations({ databaseUrl: databaseUrl.toString() });
const web = await startWebhookProcess({
  databaseUrl: databaseUrl.toString(),
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  port: 20_000 + Math.floor(Math.random() * 20_000),
});
try {
  const figures = await runWebhookFuzz({ ...web, databaseUrl: databaseUrl.toString(), seed, requests, seconds });
  console.log(report(figures));
  if (!web.alive()) console.log(`\nthe web process ${web.exit()}; its last output:\n${web.lastOutput()}`);
  process.exitCode = failures(figures).length === 0 ? 0 : 1;
} finally {
  await web.stop();
  const admin = new pg.Client({ connectionString: new URL('/postgres', server).toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${databaseUrl.pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
}

function report(f: FuzzFigures): string {
  const lines = [
    `seed ${f.seed}: ${f.sent} requests in ${f.seconds.toFixed(1)} s`,
    `answers: ${Object.entries(f.answers)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `5xx: ${f.answers['5xx']} (goal 0)`,
    `crashes: ${f.crashes} (goal 0)`,
    `valid events: ${f.validSent} sent, ${f.validRecorded} recorded, ${f.validLost} lost (goal 0)`,
    `concurrent same-sender updates: ${f.sameSenderSent} sent, ${f.sameSender503} answered 503 (goal 0)`,
    `events set aside (RejectedInboundEvent): ${f.setAside}`,
  ];
  for (const e of f.serverErrors) lines.push(`  ${e.status} in round ${e.round}: ${e.what}`);
  const failed = failures(f);
  lines.push(failed.length === 0 ? 'all goals met' : `NOT met: ${failed.join(', ')}`);
  return lines.join('\n');
}

function failures(f: FuzzFigures): string[] {
  return [
    f.sent < requests && `only ${f.sent} of ${requests} requests sent`,
    f.answers['5xx'] > 0 && '5xx answers',
    f.answers['no answer'] > 0 && 'requests with no answer',
    f.crashes > 0 && 'crash',
    f.validLost > 0 && 'valid events lost',
    f.sameSender503 > 0 && 'same-sender 503s',
  ].filter((x): x is string => typeof x === 'string');
}
