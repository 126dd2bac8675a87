import type { Logger } from '../../logger.ts';

/** What the Telegram channel needs from the configuration; the caller reads the environment. */
export interface TelegramChannelConfig {
  botToken: string;
  /** https://api.telegram.org, or a local Bot API server or emulator. */
  apiRoot: string;
  /** Checked against X-Telegram-Bot-Api-Secret-Token on every webhook request; required in webhook mode. */
  webhookSecret?: string | undefined;
  mode: 'webhook' | 'polling';
}

export interface TelegramChannelOptions {
  config: TelegramChannelConfig;
  logger: Logger;
  /** The time a callback query was received, as it carries no date of its own. */
  now?: () => Date;
}

/** The only updates Compagnon asks Telegram for; others are not even sent to us. */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
