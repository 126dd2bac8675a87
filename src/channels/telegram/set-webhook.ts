import type { Api } from 'grammy';
import { callTelegram } from './errors.ts';
import { ALLOWED_UPDATES } from './types.ts';
import { TELEGRAM_WEBHOOK_PATH } from './webhook.ts';

/**
 * Tells Telegram where to deliver updates, with the secret it must send back with each one
 * (https://core.telegram.org/bots/api#setwebhook). Returns the registered URL.
 */
export async function setTelegramWebhook(api: Api, publicUrl: string, secret: string | undefined): Promise<string> {
  if (!secret) throw new Error('TELEGRAM_WEBHOOK_SECRET is required to register a Telegram webhook');
  const url = `${publicUrl.replace(/\/+$/, '')}${TELEGRAM_WEBHOOK_PATH}`;
  await callTelegram(() => api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] }));
  return url;
}
