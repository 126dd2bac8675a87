import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../src/channels/telegram/index.ts';
import { createWhatsappChannel } from '../../src/channels/whatsapp/index.ts';
import { createServer } from '../../src/http/create-server.ts';
import { createInboundSink } from '../../src/jobs/create-inbound-sink.ts';
import { JobQueues } from '../../src/jobs/job-queues.ts';
import { createLogger } from '../../src/logger.ts';
import { createPool } from '../../src/store/database.ts';
import {
  telegramRequest,
  telegramTextUpdate,
  whatsappBody,
  whatsappRequest,
  whatsappTextMessage,
  type WebhookRequest,
} from '../../scripts/fuzz/webhook-requests.ts';
import { redisConnection, uniquePrefix } from '../support/redis.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const SECRET = 'bad_input_secret';
const APP_SECRET = 'bad-input-app-secret';
const NOW = new Date('2027-01-11T09:30:00.000Z');

/** The real webhooks recording into a database of their own, as in production. */
describe('webhooks given bad input', () => {
  let test: TestDatabase;
  let pool: ReturnType<typeof createPool>;
  let queues: JobQueues;
  let app: FastifyInstance;
  let sink: ReturnType<typeof createInboundSink>;
  let nextId = 1;

  beforeAll(async () => {
    test = await createTestDatabase();
    pool = createPool(test.url, { maxConnections: 4 });
    queues = new JobQueues({ connection: redisConnection(), prefix: uniquePrefix() });
    const logger = createLogger({ LOG_LEVEL: 'silent' });
    sink = createInboundSink({ db: test.db, pool, queues, logger });
    const telegram = createTelegramChannel({
      config: { botToken: '123456:test', apiRoot: 'http://127.0.0.1:1', webhookSecret: SECRET, mode: 'webhook' },
      logger,
      now: () => NOW,
    });
    const whatsapp = createWhatsappChannel({
      config: {
        accessToken: 't',
        phoneNumberId: '106540352242922',
        appSecret: APP_SECRET,
        verifyToken: 'v',
        graphUrl: 'http://127.0.0.1:1',
        apiVersion: 'v23.0',
      },
      logger,
      now: () => NOW,
    });
    app = createServer({
      logger,
      readinessChecks: [],
      routes: [(server) => telegram.registerWebhook(server, sink), (server) => whatsapp.registerWebhook(server, sink)],
    });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await queues.close();
    await pool.end();
    await test.drop();
  });

  const send = (request: WebhookRequest) =>
    app.inject({ method: 'POST', url: request.path, headers: request.headers, payload: request.body });
  const telegramText = (options: Partial<Parameters<typeof telegramTextUpdate>[0]>) => {
    const updateId = options.updateId ?? nextId++;
    return telegramRequest(
      telegramTextUpdate({ updateId, chatId: 700_000 + updateId, text: 'bonjour', ...options }),
      SECRET,
    );
  };
  const stored = (channel: 'telegram' | 'whatsapp', platformEventId: string) =>
    test.db.inboundEvent.findUnique({
      where: { channel_platformEventId: { channel, platformEventId } },
      include: { channelIdentity: true },
    });

  it('records a Telegram text, name and username holding NUL characters, with U+FFFD in their place', async () => {
    const response = await send(
      telegramText({ updateId: 101, text: 'oui\u0000non', firstName: 'A\u0000wa', username: 'awa\u0000k' }),
    );
    expect(response.statusCode).toBe(200);
    const event = await stored('telegram', '101');
    expect(event?.payload).toMatchObject({
      kind: 'text',
      text: 'oui\uFFFDnon',
      sender: { displayName: 'A\uFFFDwa', username: 'awa\uFFFDk' },
    });
    expect(event?.channelIdentity?.username).toBe('awa\uFFFDk');
  });

  it('records WhatsApp messages whose text, name, id and sender hold lone surrogates', async () => {
    const message = whatsappTextMessage({
      id: 'wamid.lone\uD800',
      from: '22507\uDC00',
      text: 'a\uD83Db',
      name: 'Ra\uDE00',
    });
    const response = await send(whatsappRequest(whatsappBody([message]), APP_SECRET));
    expect(response.statusCode).toBe(200);
    const event = await stored('whatsapp', 'wamid.lone\uFFFD');
    expect(event?.payload).toMatchObject({
      text: 'a\uFFFDb',
      sender: { platformId: '22507\uFFFD', displayName: 'Ra\uFFFD' },
    });
  });

  it('keeps emoji (surrogate pairs) as they are', async () => {
    const message = whatsappTextMessage({ id: 'wamid.emoji', from: '2250700000010', text: 'merci 🙏🏾' });
    expect((await send(whatsappRequest(whatsappBody([message]), APP_SECRET))).statusCode).toBe(200);
    expect((await stored('whatsapp', 'wamid.emoji'))?.payload).toMatchObject({ text: 'merci 🙏🏾' });
  });

  it('dates a Telegram message of `date: 1e15` by its reception, and keeps the timestamp given', async () => {
    const response = await send(
      telegramRequest(telegramTextUpdate({ updateId: 102, chatId: 700_102, text: 'hello', date: 1e15 }), SECRET),
    );
    expect(response.statusCode).toBe(200);
    const event = await stored('telegram', '102');
    expect(event?.sentAt.toISOString()).toBe(NOW.toISOString());
    expect(event?.payload).toMatchObject({ implausibleTimestamp: '1000000000000000' });
  });

  it('dates a WhatsApp message with a 20-digit timestamp by its reception, and a status of one too', async () => {
    const message = whatsappTextMessage({
      id: 'wamid.far',
      from: '2250700000011',
      text: 'hello',
      timestamp: '99999999999999999999',
    });
    const status = {
      id: 'wamid.sent.1',
      status: 'read',
      timestamp: '99999999999999999999',
      recipient_id: '2250700000011',
    };
    const response = await send(whatsappRequest(whatsappBody([message], [status]), APP_SECRET));
    expect(response.statusCode).toBe(200);
    const event = await stored('whatsapp', 'wamid.far');
    expect(event?.sentAt.toISOString()).toBe(NOW.toISOString());
    expect(event?.payload).toMatchObject({ implausibleTimestamp: '100000000000000000000' });
  });

  it('records 19 valid messages sent at once with one PostgreSQL refuses, and sets that one aside', async () => {
    // A message id too large for the unique index: PostgreSQL refuses the row whatever is done to its text.
    const poisonId = `wamid.${randomBytes(6_000).toString('base64')}`;
    const requests = Array.from({ length: 20 }, (_, i) =>
      whatsappRequest(
        whatsappBody([
          whatsappTextMessage({
            id: i === 7 ? poisonId : `wamid.batch.${i}`,
            from: `22507000001${String(i).padStart(2, '0')}`,
            text: `réponse ${i}`,
          }),
        ]),
        APP_SECRET,
      ),
    );
    const responses = await Promise.all(requests.map(send));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    expect(await test.db.inboundEvent.count({ where: { platformEventId: { startsWith: 'wamid.batch.' } } })).toBe(19);
    const rejected = await test.db.rejectedInboundEvent.findMany();
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({
      channel: 'whatsapp',
      platformEventId: poisonId.slice(0, 200),
      senderId: '2250700000107',
    });
    expect(rejected[0]?.error).toMatch(/^54000 /);

    // Meta delivering it again is answered 200 too, and counted as one more attempt.
    expect((await send(requests[7]!)).statusCode).toBe(200);
    expect(await test.db.rejectedInboundEvent.findFirst()).toMatchObject({ attempts: 2 });
  });

  it('records the 19 valid messages of a POST that carries one PostgreSQL refuses', async () => {
    const messages = Array.from({ length: 20 }, (_, i) =>
      whatsappTextMessage({
        id: i === 12 ? `wamid.${randomBytes(6_000).toString('base64')}` : `wamid.onepost.${i}`,
        from: `22507000002${String(i).padStart(2, '0')}`,
        text: `réponse ${i}`,
      }),
    );
    expect((await send(whatsappRequest(whatsappBody(messages), APP_SECRET))).statusCode).toBe(200);
    expect(await test.db.inboundEvent.count({ where: { platformEventId: { startsWith: 'wamid.onepost.' } } })).toBe(19);
    expect(await test.db.rejectedInboundEvent.count({ where: { senderId: '2250700000212' } })).toBe(1);
  });

  it('makes the events of every channel storable, the simulator ones too', async () => {
    const result = await sink.record([
      {
        channel: 'simulator',
        platformEventId: 'sim-\u0000',
        sender: { channel: 'simulator', platformId: 'sim-x\uDC00' },
        sentAt: NOW.toISOString(),
        kind: 'text',
        text: '\uD800\u0000',
      },
    ]);
    expect(result).toEqual({ recorded: 1, duplicates: 0, rejected: 0 });
    const event = await test.db.inboundEvent.findUnique({
      where: { channel_platformEventId: { channel: 'simulator', platformEventId: 'sim-\uFFFD' } },
    });
    expect(event?.payload).toMatchObject({ text: '\uFFFD\uFFFD', sender: { platformId: 'sim-x\uFFFD' } });
  });

  it('answers 200 to 300 updates sent at once from one chat, and records them all', async () => {
    const chatId = 700_999;
    expect(
      (await send(telegramRequest(telegramTextUpdate({ updateId: 9_999, chatId, text: 'first' }), SECRET))).statusCode,
    ).toBe(200);
    const requests = Array.from({ length: 300 }, (_, i) =>
      telegramRequest(
        telegramTextUpdate({
          updateId: 10_000 + i,
          chatId,
          text: `message ${i}`,
          ...(i % 2 === 1 && { username: `same_sender_${i % 3}` }),
        }),
        SECRET,
      ),
    );
    const responses = await Promise.all(requests.map(send));
    expect(responses.filter((r) => r.statusCode !== 200).map((r) => r.statusCode)).toEqual([]);
    expect(await test.db.inboundEvent.count({ where: { channelIdentity: { platformId: String(chatId) } } })).toBe(301);
  });
});
