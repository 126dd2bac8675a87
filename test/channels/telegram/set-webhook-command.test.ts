import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel, type TelegramChannel } from '../../../src/channels/telegram/index.ts';
import { runTelegramSetWebhook } from '../../../src/channels/telegram/set-webhook-command.ts';
import { WebhookSetupError } from '../../../src/channels/telegram/webhook-setup-error.ts';
import { createLogger } from '../../../src/logger.ts';
import { startEmulator, type Emulator } from './emulator.ts';
import { FakeBotApi } from './fake-bot-api.ts';

const logger = createLogger({ LOG_LEVEL: 'silent' });
const TOKEN = '123456:set-webhook-command-token';
const SECRET = 'set-webhook-secret';

describe('compagnon telegram:set-webhook', () => {
  let emulator: Emulator;
  let refusing: FakeBotApi;
  let channel: TelegramChannel;
  const lines: string[] = [];
  const out = { info: (line: string) => lines.push(line) };

  beforeAll(async () => {
    emulator = await startEmulator();
    refusing = await new FakeBotApi(TOKEN).start();
    channel = createTelegramChannel({
      config: { botToken: TOKEN, apiRoot: emulator.config.apiURL, webhookSecret: SECRET, mode: 'webhook' },
      logger,
    });
  });

  afterAll(async () => {
    await Promise.all([emulator.stop(), refusing.stop()]);
  });

  it('asks for PUBLIC_URL when it is missing', async () => {
    await expect(runTelegramSetWebhook({ channel, publicUrl: undefined, out })).rejects.toThrow(WebhookSetupError);
    await expect(runTelegramSetWebhook({ channel, publicUrl: '', out })).rejects.toThrow(/PUBLIC_URL is not set/);
  });

  it('refuses plain http except on this machine, since Telegram calls https only', async () => {
    await expect(runTelegramSetWebhook({ channel, publicUrl: 'http://compagnon.example.org', out })).rejects.toThrow(
      /https/,
    );
    await expect(runTelegramSetWebhook({ channel, publicUrl: 'not a url', out })).rejects.toThrow(/not a valid URL/);
    expect(lines).toEqual([]);
  });

  it('registers the webhook and prints its URL', async () => {
    await expect(runTelegramSetWebhook({ channel, publicUrl: 'https://compagnon.example.org', out })).resolves.toBe(
      'https://compagnon.example.org/webhooks/telegram',
    );
    await runTelegramSetWebhook({ channel, publicUrl: 'http://127.0.0.1:3000', out });
    expect(lines).toEqual([
      'Telegram webhook registered: https://compagnon.example.org/webhooks/telegram',
      'Telegram webhook registered: http://127.0.0.1:3000/webhooks/telegram',
    ]);
    const webhooks = (emulator as unknown as { webhooks: Record<string, { url: string }> }).webhooks;
    expect(webhooks[TOKEN]?.url).toBe('http://127.0.0.1:3000/webhooks/telegram');
  });

  it('says so when Telegram refuses', async () => {
    refusing.failWith('setWebhook', 400, 'Bad Request: bad webhook: Failed to resolve host: Name or service not known');
    const toRefusing = createTelegramChannel({
      config: { botToken: TOKEN, apiRoot: refusing.apiRoot, webhookSecret: SECRET, mode: 'webhook' },
      logger,
    });
    await expect(
      runTelegramSetWebhook({ channel: toRefusing, publicUrl: 'https://nowhere.invalid', out }),
    ).rejects.toThrow(/Telegram did not register the webhook: .*Failed to resolve host/);
  });
});
