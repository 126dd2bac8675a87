import type { FastifyInstance } from 'fastify';
import { Api } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../../src/channels/telegram/index.ts';
import { createServer } from '../../../src/http/create-server.ts';
import { WEBHOOK_FAILURE_LIMIT } from '../../../src/http/failed-attempts.ts';
import { createLogger } from '../../../src/logger.ts';
import { freePort } from '../../support/processes.ts';
import { startEmulator, type Emulator } from './emulator.ts';
import { MemorySink } from './memory-sink.ts';

const logger = createLogger({ LOG_LEVEL: 'silent' });
const TOKEN = '123456:webhook-test-token';
const SECRET = 'Zk3_qP9-webhook-secret';
const chat = { id: 512000111, first_name: 'Aminata', type: 'private' };
const textUpdate = (updateId: number) => ({
  update_id: updateId,
  message: {
    message_id: updateId,
    from: { id: chat.id, is_bot: false, first_name: 'Aminata' },
    chat,
    date: 1772442000,
    text: 'Ma réponse',
  },
});

describe('POST /webhooks/telegram', () => {
  let apiRoot: string;
  const apps: FastifyInstance[] = [];

  /** A web server with the Telegram webhook, as the web process builds it. */
  function webServer(sink: MemorySink): FastifyInstance {
    const channel = createTelegramChannel({
      config: { botToken: TOKEN, apiRoot, webhookSecret: SECRET, mode: 'webhook' },
      logger,
    });
    const app = createServer({ logger, readinessChecks: [] });
    channel.registerWebhook(app, sink);
    apps.push(app);
    return app;
  }

  /** `secret: null` sends no secret header at all. */
  const post = (app: FastifyInstance, body: unknown, secret: string | null = SECRET) =>
    app.inject({
      method: 'POST',
      url: '/webhooks/telegram',
      headers: {
        'content-type': 'application/json',
        ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }),
      },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    // Nothing listens there: the cosmetic calls after a pick fail, which must not fail the webhook.
    apiRoot = `http://127.0.0.1:${await freePort()}`;
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });

  it('records the update and answers 200 when the secret is right; a redelivery is still 200', async () => {
    const sink = new MemorySink();
    const app = webServer(sink);
    const first = await post(app, textUpdate(7001));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ ok: true });
    expect(sink.events).toEqual([
      expect.objectContaining({ platformEventId: '7001', kind: 'text', text: 'Ma réponse' }),
    ]);

    const again = await post(app, textUpdate(7001));
    expect(again.statusCode).toBe(200);
    expect(sink.events).toHaveLength(1);
  });

  it('answers 401 and records nothing when the secret is wrong or missing', async () => {
    const sink = new MemorySink();
    const app = webServer(sink);
    for (const secret of ['wrong-secret', `${SECRET}x`, '', null]) {
      const response = await post(app, textUpdate(7002), secret);
      expect(response.statusCode, `secret ${JSON.stringify(secret)}`).toBe(401);
      expect(response.json()).toMatchObject({ ok: false });
    }
    // The secret is checked before the body is read.
    expect((await post(app, '{not json', 'wrong-secret')).statusCode).toBe(401);
    expect(sink.attempts).toEqual([]);
  });

  it('answers 429 to an address that sent too many wrong secrets, and still 200 to the right one, from it too', async () => {
    const sink = new MemorySink();
    const app = webServer(sink);
    const guess = (remoteAddress: string) =>
      app.inject({
        method: 'POST',
        url: '/webhooks/telegram',
        remoteAddress,
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'guess' },
        payload: '{}',
      });
    for (let attempt = 1; attempt <= WEBHOOK_FAILURE_LIMIT.max; attempt++)
      expect((await guess('203.0.113.7')).statusCode, `attempt ${attempt}`).toBe(401);
    const refused = await guess('203.0.113.7');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json()).toMatchObject({
      ok: false,
      error: expect.stringContaining('too many requests that failed verification'),
    });
    // Another address is judged on its own; a request with the right secret is never limited.
    expect((await guess('198.51.100.2')).statusCode).toBe(401);
    const updates = Array.from({ length: WEBHOOK_FAILURE_LIMIT.max * 2 }, (_, i) => textUpdate(7100 + i));
    for (const update of updates) {
      const response = await app.inject({
        method: 'POST',
        url: '/webhooks/telegram',
        remoteAddress: '203.0.113.7',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        payload: JSON.stringify(update),
      });
      expect(response.statusCode).toBe(200);
    }
    expect(sink.events).toHaveLength(updates.length);
  });

  it('sets aside a body that is not JSON or not an update, and answers 200 so that Telegram does not send it again', async () => {
    const sink = new MemorySink();
    const app = webServer(sink);
    const notJson = await post(app, '{"update_id": 7003, "message": ');
    expect([notJson.statusCode, notJson.json()]).toEqual([200, { ok: true }]);
    expect((await post(app, { hello: 'world' })).statusCode).toBe(200);
    expect((await post(app, { update_id: 7004, message: { text: 'no chat' } })).statusCode).toBe(200);
    expect(
      (await post(app, { update_id: 7006, message: { message_id: 1, chat, date: 'yesterday', text: 'bad date' } }))
        .statusCode,
    ).toBe(200);
    expect(sink.attempts).toEqual([]);
    expect(
      sink.setAsideItems.map(({ platformEventId, senderId, error }) => ({ platformEventId, senderId, error })),
    ).toEqual([
      { platformEventId: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), error: 'body is not JSON' },
      { platformEventId: expect.stringMatching(/^sha256:/), error: expect.stringContaining('update_id') },
      { platformEventId: '7004', error: expect.stringContaining('message.chat: Invalid input') },
      {
        platformEventId: '7006',
        senderId: String(chat.id),
        error: expect.stringMatching(/^malformed update: message\.date/),
      },
    ]);
    expect(sink.setAsideItems[0]!.payload).toBe('{"update_id": 7003, "message": ');
  });

  it('answers 503 to an update it can neither read nor set aside, so that Telegram delivers it again', async () => {
    const sink = new MemorySink();
    sink.down = true;
    const response = await post(webServer(sink), { update_id: 7007, message: { text: 'no chat' } });
    expect(response.statusCode).toBe(503);
  });

  it('answers 200 to an update of a kind Compagnon does not use, recording nothing', async () => {
    const sink = new MemorySink();
    const app = webServer(sink);
    const edited = { update_id: 7005, edited_message: { ...textUpdate(7005).message, edit_date: 1772442100 } };
    const response = await post(app, edited);
    expect(response.statusCode).toBe(200);
    expect(sink.events).toEqual([]);
  });

  it('answers 503 when the sink cannot record, so that Telegram delivers again', async () => {
    const sink = new MemorySink();
    sink.down = true;
    const app = webServer(sink);
    const response = await post(app, textUpdate(7006));
    expect(response.statusCode).toBe(503);
    expect(sink.attempts).toHaveLength(1);

    sink.down = false;
    expect((await post(app, textUpdate(7006))).statusCode).toBe(200);
    expect(sink.events).toEqual([expect.objectContaining({ platformEventId: '7006' })]);
  });

  it('records a pick and answers 200 even when Telegram cannot be told about it', async () => {
    const sink = new MemorySink();
    const app = webServer(sink);
    const pick = {
      update_id: 7007,
      callback_query: {
        id: '918273645',
        from: { id: chat.id, is_bot: false, first_name: 'Aminata' },
        chat_instance: '-1',
        data: 'c:yes',
        message: {
          message_id: 31,
          chat,
          date: 1772441000,
          text: 'Prête ?',
          reply_markup: { inline_keyboard: [[{ text: 'Oui', callback_data: 'c:yes' }]] },
        },
      },
    };
    const response = await post(app, pick);
    expect(response.statusCode).toBe(200);
    expect(sink.events).toEqual([
      expect.objectContaining({ kind: 'choice', choiceId: 'yes', label: 'Oui', inReplyTo: '31' }),
    ]);
  });

  it('refuses to register without a secret', () => {
    const channel = createTelegramChannel({ config: { botToken: TOKEN, apiRoot, mode: 'webhook' }, logger });
    const app = createServer({ logger, readinessChecks: [] });
    apps.push(app);
    expect(() => channel.registerWebhook(app, new MemorySink())).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
  });
});

describe('setWebhook, against telegram-test-api', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it('registers PUBLIC_URL/webhooks/telegram with the secret and the updates Compagnon uses', async () => {
    const channel = createTelegramChannel({
      config: { botToken: TOKEN, apiRoot: `${emulator.config.apiURL}/`, webhookSecret: SECRET, mode: 'webhook' },
      logger,
    });
    const url = await channel.setWebhook('https://compagnon.example.org/');
    expect(url).toBe('https://compagnon.example.org/webhooks/telegram');
    const webhooks = (emulator as unknown as { webhooks: Record<string, Record<string, unknown>> }).webhooks;
    expect(webhooks[TOKEN]).toMatchObject({
      url,
      secret_token: SECRET,
      allowed_updates: ['message', 'callback_query'],
    });

    // The emulator never sends the secret header, so it must not call our webhook with real updates.
    await new Api(TOKEN, { apiRoot: emulator.config.apiURL }).deleteWebhook();
    expect(webhooks[TOKEN]).toBeUndefined();
  });
});
