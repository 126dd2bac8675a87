import { z } from 'zod';
import { SUPPORTED_LANGUAGES } from './domain/programme/language.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** An IPv4 or IPv6 address, with or without a /prefix, or one of proxy-addr's names for private ranges. */
const TRUSTED_PROXY = /^(loopback|linklocal|uniquelocal|[0-9A-Fa-f:.]+(\/\d{1,3})?)$/;

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine((value) => URL.canParse(value), { message: 'is not a valid URL', abort: true })
    .refine((value) => protocols.includes(new URL(value).protocol), {
      message: `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    });

/** Every environment variable Compagnon reads, with its default. `.env.example` documents each one. */
const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: url(['postgresql:', 'postgres:']).default('postgresql://postgres@127.0.0.1:5432/compagnon'),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  PORT: z.coerce
    .number({ message: 'must be a whole number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be between 1 and 65535' })
    .max(65535, { message: 'must be between 1 and 65535' })
    .default(3000),
  PUBLIC_URL: url(['http:', 'https:']).optional(),
  /**
   * The reverse proxies in front of the web process (a number of hops, or their addresses and
   * ranges), so that the limits per address count the client's address from X-Forwarded-For
   * rather than the proxy's. Unset: the connection's address is the client's.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .refine((value) => /^\d{1,2}$/.test(value) || value.split(',').every((part) => TRUSTED_PROXY.test(part.trim())), {
      message: 'must be a number of proxies (such as 1) or their addresses or ranges, separated by commas',
    })
    .transform((value) => (/^\d+$/.test(value) ? Number(value) : value.split(',').map((part) => part.trim())))
    .optional(),
  DEFAULT_LOCALE: z
    .enum(SUPPORTED_LANGUAGES, { message: `must be one of ${SUPPORTED_LANGUAGES.join(', ')}` })
    .default('fr'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  /** Prefix of BullMQ keys in Redis, so that several deployments can share one Redis. */
  QUEUE_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]+$/, { message: 'may only contain letters, digits, _ and -' })
    .default('compagnon'),
  /** Where photos, voice notes, videos and documents people send are stored. */
  MEDIA_DIR: z.string().trim().min(1).default('./media'),
  /**
   * Where a worker keeps, on disk, the sends it could not record while PostgreSQL was away, until
   * it can (see src/jobs/send-journal.ts). Must survive a restart: a persistent volume per machine.
   */
  JOURNAL_DIR: z.string().trim().min(1).default('./data/journal'),
  /** Larger media files are refused with a polite message (WhatsApp allows up to 100 MB documents). */
  MEDIA_MAX_BYTES: z.coerce
    .number({ message: 'must be a number of bytes' })
    .int({ message: 'must be a whole number of bytes' })
    .min(1024, { message: 'must be at least 1024 bytes' })
    .default(25 * 1024 * 1024),
  /** A dashboard sign-in link works this long after it is made (and once). */
  SIGN_IN_LINK_MINUTES: z.coerce
    .number({ message: 'must be a whole number of minutes' })
    .int({ message: 'must be a whole number of minutes' })
    .min(1, { message: 'must be between 1 and 1440 minutes' })
    .max(1440, { message: 'must be between 1 and 1440 minutes' })
    .default(15),
  /** A dashboard session ends this long after sign-in. */
  DASHBOARD_SESSION_HOURS: z.coerce
    .number({ message: 'must be a number of hours' })
    .min(0.25, { message: 'must be between 0.25 and 720 hours' })
    .max(720, { message: 'must be between 0.25 and 720 hours' })
    .default(12),
  /**
   * Staff (comma-separated person ids) who may change the job queues from the dashboard: retry,
   * remove, pause, clean, at /admin/queues/manage. Other staff see the queues read-only.
   */
  DASHBOARD_OPERATORS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    )
    .pipe(z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be person ids separated by commas' })))
    .default([]),
  /**
   * Signs the calendar links of session announcements (<PUBLIC_URL>/calendar/…), so that they
   * cannot be guessed. With PUBLIC_URL, announcements carry a link to add the session to a calendar.
   */
  CALENDAR_SECRET: z
    .string()
    .trim()
    .min(32, { message: 'must be at least 32 characters (e.g. from openssl rand -hex 32)' })
    .optional(),
  /** When set, GET /metrics asks for `Authorization: Bearer <METRICS_TOKEN>`; open when unset. */
  METRICS_TOKEN: z.string().trim().min(16, { message: 'must be at least 16 characters' }).optional(),
  /** The simulator channel (web chat at /simulator). Default: on when no platform is configured, off in production. */
  SIMULATOR: z.enum(['on', 'off'], { message: 'must be on or off' }).optional(),
  /**
   * The key the simulator's page and API require. Unset: a fresh one at each start, printed once as
   * a ready link. Required for SIMULATOR=on in production.
   */
  SIMULATOR_KEY: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{24,256}$/, {
      message: 'must be 24 to 256 characters of A-Z a-z 0-9 _ - (e.g. from openssl rand -hex 32)',
    })
    .optional(),
  /** Requests one address may make to the simulator per minute; more are answered 429. */
  SIMULATOR_REQUESTS_PER_MINUTE: z.coerce
    .number({ message: 'must be a whole number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .default(1200),

  TELEGRAM_BOT_TOKEN: z
    .string()
    .trim()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, { message: 'must be a bot token as given by @BotFather (123456:ABC…)' })
    .optional(),
  /** Sent by Telegram with every webhook request; 1–256 characters of A–Z a–z 0–9 _ - */
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, { message: 'must be 1 to 256 characters of A-Z a-z 0-9 _ -' })
    .optional(),
  TELEGRAM_API_ROOT: url(['http:', 'https:']).default('https://api.telegram.org'),
  /** webhook: Telegram calls POST /webhooks/telegram (production). polling: the process asks Telegram (development). */
  TELEGRAM_MODE: z.enum(['webhook', 'polling'], { message: 'must be webhook or polling' }).default('webhook'),

  /** Telegram allows about 30 messages/s per bot and about one per second to each chat. */
  TELEGRAM_MESSAGES_PER_SECOND: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(1, { message: 'must be at least 1' })
    .default(30),
  TELEGRAM_CHAT_INTERVAL_MS: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(0, { message: 'must be 0 or more' })
    .default(1000),
  /** WhatsApp allows 80 messages/s per business number by default, and no bursts to one person. */
  WHATSAPP_MESSAGES_PER_SECOND: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(1, { message: 'must be at least 1' })
    .default(80),
  WHATSAPP_RECIPIENT_INTERVAL_MS: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(0, { message: 'must be 0 or more' })
    .default(1000),

  WHATSAPP_ACCESS_TOKEN: z.string().trim().min(1).optional(),
  WHATSAPP_PHONE_NUMBER_ID: z
    .string()
    .trim()
    .regex(/^\d+$/, { message: 'must be the numeric phone number id' })
    .optional(),
  /** Signs webhook bodies (X-Hub-Signature-256). */
  WHATSAPP_APP_SECRET: z.string().trim().min(1).optional(),
  /** Checked in the webhook verification handshake. */
  WHATSAPP_VERIFY_TOKEN: z.string().trim().min(1).optional(),
  WHATSAPP_GRAPH_URL: url(['http:', 'https:']).default('https://graph.facebook.com'),
  WHATSAPP_API_VERSION: z
    .string()
    .trim()
    .regex(/^v\d+\.\d+$/, { message: 'must look like v23.0' })
    .default('v23.0'),

  /** Used to print Telegram deep links for invite codes (t.me/<username>?start=<code>). */
  TELEGRAM_BOT_USERNAME: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, { message: 'must be a Telegram bot username, without @' })
    .optional(),
  /** The WhatsApp business number people write to, in international format, for wa.me links. */
  WHATSAPP_BUSINESS_NUMBER: z
    .string()
    .transform((value) => value.replace(/[\s+()-]/g, ''))
    .pipe(z.string().regex(/^[0-9]{6,15}$/, { message: 'must be a phone number in international format' }))
    .optional(),
});

const checkedSchema = configSchema.superRefine((config, ctx) => {
  const whatsapp = [
    'WHATSAPP_ACCESS_TOKEN',
    'WHATSAPP_PHONE_NUMBER_ID',
    'WHATSAPP_APP_SECRET',
    'WHATSAPP_VERIFY_TOKEN',
  ] as const;
  const given = whatsapp.filter((key) => config[key] !== undefined);
  if (given.length > 0 && given.length < whatsapp.length) {
    for (const key of whatsapp.filter((k) => config[k] === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `is required when ${given.join(', ')} ${given.length > 1 ? 'are' : 'is'} set`,
      });
    }
  }
  if (config.TELEGRAM_BOT_TOKEN && config.TELEGRAM_MODE === 'webhook' && !config.TELEGRAM_WEBHOOK_SECRET) {
    ctx.addIssue({
      code: 'custom',
      path: ['TELEGRAM_WEBHOOK_SECRET'],
      message: 'is required when TELEGRAM_MODE is webhook',
    });
  }
  // Whoever holds the key can create staff and chat as anyone the simulator made: a production
  // deployment must choose that key itself, not print a new one in its logs at each start.
  if (config.NODE_ENV === 'production' && config.SIMULATOR === 'on' && !config.SIMULATOR_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['SIMULATOR_KEY'],
      message: 'is required when SIMULATOR is on in production (or set SIMULATOR=off)',
    });
  }
});

export type Config = z.infer<typeof configSchema>;

/** The names of every variable Compagnon reads. */
export const CONFIG_VARIABLES = Object.keys(configSchema.shape) as (keyof Config)[];

/** Whether the simulator channel runs: as asked, else on when no platform is configured, and never by default in production. */
export function simulatorEnabled(config: Config): boolean {
  if (config.SIMULATOR) return config.SIMULATOR === 'on';
  if (config.NODE_ENV === 'production') return false;
  return !config.TELEGRAM_BOT_TOKEN && !config.WHATSAPP_ACCESS_TOKEN;
}

/** Start-up stops with this when the environment is wrong; its message names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Parses the environment once; call it at start-up and pass the result down.
 * An empty variable counts as unset, as in most .env files.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.keys(configSchema.shape)
      .filter((key) => env[key] !== undefined && env[key]?.trim() !== '')
      .map((key) => [key, env[key]]),
  );
  const result = checkedSchema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? 'environment');
      const value = env[variable];
      const shown = value === undefined ? '' : shownValue(variable, value);
      return `${variable} ${issue.message}${shown}`;
    }),
  );
}

/** Variables whose value is a credential: a start-up error names them and what is wrong, never their value. */
const SECRET_VARIABLE = /(TOKEN|SECRET|KEY|PASSWORD)/;

/**
 * What a start-up error shows of a bad value: nothing of a credential, a URL without its password
 * (nothing at all of a URL that cannot be read, as its password cannot be told apart), else the value.
 */
function shownValue(variable: string, value: string): string {
  if (SECRET_VARIABLE.test(variable)) return '';
  if (variable.endsWith('_URL')) {
    if (!URL.canParse(value)) return '';
    const parsed = new URL(value);
    if (parsed.password) parsed.password = '***';
    return ` (got ${JSON.stringify(parsed.toString())})`;
  }
  return ` (got ${JSON.stringify(value)})`;
}
