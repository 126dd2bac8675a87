import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export interface WebhookProcess {
  baseUrl: string;
  telegramSecret: string;
  appSecret: string;
  /** False once the process has exited on its own. */
  alive: () => boolean;
  /** How it exited, when it did. */
  exit: () => string | undefined;
  /** Its last lines of output, for a crash report. */
  lastOutput: () => string;
  stop: () => Promise<void>;
}

/**
 * The web process of the webhook benchmark (bench/webhook-server.ts: both webhooks recording
 * into PostgreSQL through the real inbound sink), started as a child process on loopback.
 */
export async function startWebhookProcess(options: {
  databaseUrl: string;
  redisUrl: string;
  port: number;
}): Promise<WebhookProcess> {
  const telegramSecret = 'fuzz_secret';
  const appSecret = 'fuzz-app-secret';
  const child = fork(path.join(import.meta.dirname, '../../bench/webhook-server.ts'), {
    execArgv: ['--import', 'tsx'],
    silent: true,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      QUEUE_PREFIX: `fuzz-${randomBytes(3).toString('hex')}`,
      PORT: String(options.port),
      TELEGRAM_WEBHOOK_SECRET: telegramSecret,
      WHATSAPP_APP_SECRET: appSecret,
    },
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: string | undefined;
  let stopping = false;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      if (!stopping) exited = `exited with ${signal ?? `code ${code}`}`;
      resolve();
    }),
  );
  await Promise.race([
    new Promise<void>((resolve) => child.once('message', () => resolve())),
    gone.then(() => Promise.reject(new Error(`the webhook process did not start: ${exited}\n${output}`))),
  ]);
  return {
    baseUrl: `http://127.0.0.1:${options.port}`,
    telegramSecret,
    appSecret,
    alive: () => exited === undefined,
    exit: () => exited,
    lastOutput: () => output,
    stop: async () => {
      stopping = exited === undefined;
      if (exited === undefined) child.kill('SIGTERM');
      await gone;
    },
  };
}
