import { ChannelError } from '../channel-errors.ts';
import type { TelegramChannel } from './index.ts';
import { WebhookSetupError } from './webhook-setup-error.ts';

/** Plain http is only for a Bot API emulator on this machine; Telegram itself calls https only. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

interface SetWebhookDependencies {
  channel: Pick<TelegramChannel, 'setWebhook'>;
  publicUrl: string | undefined;
  out: { info: (line: string) => void };
}

/**
 * `compagnon telegram:set-webhook`: registers PUBLIC_URL/webhooks/telegram with Telegram. What the
 * operator can fix (PUBLIC_URL, Telegram's refusal) is thrown as a WebhookSetupError.
 */
export async function runTelegramSetWebhook({ channel, publicUrl, out }: SetWebhookDependencies): Promise<string> {
  if (!publicUrl) {
    throw new WebhookSetupError(
      'PUBLIC_URL is not set: set it to the https address where Telegram can reach this server (e.g. https://compagnon.example.org)',
    );
  }
  if (!URL.canParse(publicUrl)) throw new WebhookSetupError(`PUBLIC_URL is not a valid URL (got "${publicUrl}")`);
  const { protocol, hostname } = new URL(publicUrl);
  if (protocol !== 'https:' && !(protocol === 'http:' && LOOPBACK_HOSTS.has(hostname))) {
    throw new WebhookSetupError(
      `PUBLIC_URL must start with https:// — Telegram only delivers webhooks over HTTPS (got "${publicUrl}")`,
    );
  }
  try {
    const registered = await channel.setWebhook(publicUrl);
    out.info(`Telegram webhook registered: ${registered}`);
    return registered;
  } catch (error) {
    if (error instanceof ChannelError)
      throw new WebhookSetupError(`Telegram did not register the webhook: ${error.message}`);
    throw error;
  }
}
