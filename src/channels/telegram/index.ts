import { Api } from 'grammy';
import type { FastifyInstance } from 'fastify';
import type { ChannelAdapter } from '../channel-adapter.ts';
import type { InboundSink } from '../inbound-sink.ts';
import { downloadMedia } from './download-media.ts';
import { createUpdateHandler } from './handle-update.ts';
import { startPolling, type Polling } from './polling.ts';
import { sendOutbound } from './send-outbound.ts';
import { setTelegramWebhook } from './set-webhook.ts';
import type { TelegramChannelConfig, TelegramChannelOptions } from './types.ts';
import { registerTelegramWebhook } from './webhook.ts';

export type { TelegramChannelConfig, TelegramChannelOptions } from './types.ts';
export { TELEGRAM_WEBHOOK_PATH } from './webhook.ts';

export interface TelegramChannel {
  adapter: ChannelAdapter;
  /** Which way updates should come in, as configured: call registerWebhook or startPolling accordingly. */
  mode: TelegramChannelConfig['mode'];
  /** Adds POST /webhooks/telegram to the web server. */
  registerWebhook: (app: FastifyInstance, sink: InboundSink) => void;
  /** Asks Telegram for updates in a loop, until stopped. Telegram refuses this while a webhook is set. */
  startPolling: (sink: InboundSink) => Polling;
  /** Registers `${publicUrl}/webhooks/telegram` with Telegram, with the secret; returns that URL. */
  setWebhook: (publicUrl: string) => Promise<string>;
}

/** Longer than a getUpdates long poll (30 s); grammY's default, 500 s, would hold a delivery job for minutes. */
const API_TIMEOUT_SECONDS = 60;

/** The Telegram channel, on grammY's bare API client: Compagnon needs no bot framework around it. */
export function createTelegramChannel({
  config,
  logger,
  now = () => new Date(),
}: TelegramChannelOptions): TelegramChannel {
  // grammY refuses an apiRoot that ends with a slash; a URL from the environment may well.
  const apiRoot = config.apiRoot.replace(/\/+$/, '');
  const api = new Api(config.botToken, { apiRoot, timeoutSeconds: API_TIMEOUT_SECONDS });
  const log = logger.child({ channel: 'telegram' });
  const handlerFor = (sink: InboundSink) => createUpdateHandler({ api, sink, logger: log, now });

  return {
    adapter: {
      name: 'telegram',
      send: (recipient, message, file) => sendOutbound(api, recipient, message, file),
      downloadMedia: (media, maxBytes) => downloadMedia({ api, apiRoot, botToken: config.botToken }, media, maxBytes),
    },
    mode: config.mode,
    registerWebhook: (app, sink) =>
      registerTelegramWebhook(app, { secret: config.webhookSecret, handleUpdate: handlerFor(sink), sink, logger: log }),
    startPolling: (sink) => startPolling({ api, handleUpdate: handlerFor(sink), logger: log }),
    setWebhook: (publicUrl) => setTelegramWebhook(api, publicUrl, config.webhookSecret),
  };
}
