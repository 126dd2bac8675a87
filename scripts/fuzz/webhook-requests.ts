import { createHmac } from 'node:crypto';

/** A request for a webhook, ready to send: its path, headers and exact body bytes. */
export interface WebhookRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export const TELEGRAM_PATH = '/webhooks/telegram';
export const WHATSAPP_PATH = '/webhooks/whatsapp';

/** A Telegram Update carrying one private text message, as Telegram sends it. */
export function telegramTextUpdate(options: {
  updateId: number;
  chatId: number;
  text: string;
  date?: unknown;
  firstName?: string;
  username?: string;
}): Record<string, unknown> {
  const from = {
    id: options.chatId,
    is_bot: false,
    first_name: options.firstName ?? 'Awa',
    ...(options.username !== undefined && { username: options.username }),
  };
  return {
    update_id: options.updateId,
    message: {
      message_id: options.updateId,
      date: options.date ?? Math.floor(Date.now() / 1000),
      chat: {
        id: options.chatId,
        type: 'private',
        first_name: from.first_name,
        ...(options.username !== undefined && { username: options.username }),
      },
      from,
      text: options.text,
    },
  };
}

export function telegramRequest(update: unknown, secret: string, body = JSON.stringify(update)): WebhookRequest {
  return {
    path: TELEGRAM_PATH,
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body,
  };
}

/** One WhatsApp text message with its sender's contact entry, as the `value` of a `messages` change. */
export function whatsappTextMessage(options: {
  id: string;
  from: string;
  text: string;
  timestamp?: unknown;
  name?: string;
}): {
  contact: Record<string, unknown>;
  message: Record<string, unknown>;
} {
  return {
    contact: { profile: { name: options.name ?? 'Aïcha' }, wa_id: options.from },
    message: {
      from: options.from,
      id: options.id,
      timestamp: options.timestamp ?? String(Math.floor(Date.now() / 1000)),
      type: 'text',
      text: { body: options.text },
    },
  };
}

/** A webhook body carrying `messages` (and `statuses`) in one change of one entry. */
export function whatsappBody(
  messages: ReturnType<typeof whatsappTextMessage>[],
  statuses: unknown[] = [],
): Record<string, unknown> {
  return {
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
              contacts: messages.map((m) => m.contact),
              messages: messages.map((m) => m.message),
              ...(statuses.length > 0 && { statuses }),
            },
          },
        ],
      },
    ],
  };
}

/** Meta's JSON (non-ASCII escaped as \uXXXX, lone surrogates included), signed over its exact bytes. */
export function whatsappRequest(body: unknown, appSecret: string, raw = metaJson(body)): WebhookRequest {
  return {
    path: WHATSAPP_PATH,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`,
    },
    body: raw,
  };
}

export function metaJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\0-~]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
