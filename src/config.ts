import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const LOCALES = ['fr', 'en'] as const;

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
  DEFAULT_LOCALE: z.enum(LOCALES, { message: `must be one of ${LOCALES.join(', ')}` }).default('fr'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  /** Prefix of BullMQ keys in Redis, so that several deployments can share one Redis. */
  QUEUE_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]+$/, { message: 'may only contain letters, digits, _ and -' })
    .default('compagnon'),
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

export type Config = z.infer<typeof configSchema>;

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
  const result = configSchema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? 'environment');
      const value = env[variable];
      const shown = value === undefined ? '' : ` (got ${JSON.stringify(redact(variable, value))})`;
      return `${variable} ${issue.message}${shown}`;
    }),
  );
}

/** Keeps passwords in URLs out of error messages. */
function redact(variable: string, value: string): string {
  if (!variable.endsWith('_URL') || !URL.canParse(value)) return value;
  const parsed = new URL(value);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
