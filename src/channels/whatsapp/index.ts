import type { FastifyInstance } from 'fastify';
import type { ChannelAdapter } from '../channel-adapter.ts';
import type { InboundSink } from '../inbound-sink.ts';
import { downloadMedia } from './download-media.ts';
import { createGraphClient } from './graph-client.ts';
import { markAsRead } from './mark-as-read.ts';
import { sendMessage } from './send-message.ts';
import type { WhatsappChannelOptions } from './types.ts';
import { registerWhatsappWebhook } from './webhook.ts';

export type { WhatsappChannelConfig, WhatsappChannelOptions } from './types.ts';
export { WHATSAPP_WEBHOOK_PATH } from './webhook.ts';

interface WhatsappChannel {
  adapter: ChannelAdapter;
  /** Adds GET and POST /webhooks/whatsapp to the server; call it before the server starts. */
  registerWebhook: (app: FastifyInstance, sink: InboundSink) => void;
  /** Shows a person's message as read; throws the same channel errors as `send`. */
  markAsRead: (messageId: string) => Promise<void>;
}

/**
 * The WhatsApp Cloud API channel. whatsapp-api-js builds the message bodies (and checks
 * Meta's limits on them); the HTTP calls, the webhook and its signature check are ours (see
 * graph-client.ts and signature.ts for why).
 */
export function createWhatsappChannel({
  config,
  logger,
  fetch,
  now = () => new Date(),
}: WhatsappChannelOptions): WhatsappChannel {
  const graph = createGraphClient(config, fetch);
  return {
    adapter: {
      name: 'whatsapp',
      send: (recipient, payload, file) => sendMessage(graph, config.phoneNumberId, recipient, payload, file),
      downloadMedia: (media, maxBytes) => downloadMedia(graph, media, maxBytes),
      markAsRead: (messageId) => markAsRead(graph, config.phoneNumberId, messageId),
    },
    registerWebhook: (app, sink) =>
      registerWhatsappWebhook(app, { appSecret: config.appSecret, verifyToken: config.verifyToken, sink, logger, now }),
    markAsRead: (messageId) => markAsRead(graph, config.phoneNumberId, messageId),
  };
}
