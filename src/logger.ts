import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

export type { Logger };

/** JSON logs on standard output; secrets that may appear in objects are redacted. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, name = 'compagnon'): Logger {
  return pino({
    name,
    level: config.LOG_LEVEL,
    redact: {
      paths: ['*.token', '*.secret', '*.password', 'req.headers.authorization', 'req.headers["x-telegram-bot-api-secret-token"]', 'req.headers["x-simulator-key"]'],
      censor: '[redacted]',
    },
  });
}
