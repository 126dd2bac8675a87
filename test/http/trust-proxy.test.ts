import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTelegramChannel } from '../../src/channels/telegram/index.ts';
import { loadConfig } from '../../src/config.ts';
import { createServer } from '../../src/http/create-server.ts';
import { WEBHOOK_FAILURE_LIMIT } from '../../src/http/failed-attempts.ts';
import { createLogger } from '../../src/logger.ts';
import { MemorySink } from '../channels/telegram/memory-sink.ts';

const logger = createLogger({ LOG_LEVEL: 'silent' });
const PROXY = '10.0.0.5';

describe('TRUST_PROXY', () => {
  let app: FastifyInstance | undefined;
  afterEach(() => app?.close());

  /** A web server with the Telegram webhook, behind the reverse proxies TRUST_PROXY names. */
  function webServer(trustProxy: string | undefined) {
    const config = loadConfig(trustProxy === undefined ? {} : { TRUST_PROXY: trustProxy });
    const channel = createTelegramChannel({
      config: { botToken: '123:abc', apiRoot: 'http://127.0.0.1:9', webhookSecret: 'right-secret', mode: 'webhook' },
      logger,
    });
    app = createServer({ logger, readinessChecks: [], trustProxy: config.TRUST_PROXY });
    channel.registerWebhook(app, new MemorySink());
    return app;
  }
  const guess = (server: FastifyInstance, client: string) =>
    server.inject({
      method: 'POST',
      url: '/webhooks/telegram',
      remoteAddress: PROXY,
      headers: {
        'content-type': 'application/json',
        'x-telegram-bot-api-secret-token': 'guess',
        'x-forwarded-for': client,
      },
      payload: '{}',
    });

  it('counts failures per client behind the proxy, not for the proxy as a whole', async () => {
    for (const trustProxy of ['1', PROXY, '10.0.0.0/8, 127.0.0.1']) {
      const server = webServer(trustProxy);
      for (let i = 0; i < WEBHOOK_FAILURE_LIMIT.max; i++)
        expect((await guess(server, '203.0.113.7')).statusCode).toBe(401);
      expect((await guess(server, '203.0.113.7')).statusCode, trustProxy).toBe(429);
      expect((await guess(server, '198.51.100.2')).statusCode, trustProxy).toBe(401);
      await server.close();
    }
  });

  it('ignores X-Forwarded-For when unset, which a client could otherwise forge', async () => {
    const server = webServer(undefined);
    for (let i = 0; i < WEBHOOK_FAILURE_LIMIT.max; i++)
      expect((await guess(server, `203.0.113.${i}`)).statusCode).toBe(401);
    expect((await guess(server, '198.51.100.99')).statusCode).toBe(429);
  });

  it('is a number of proxies or their addresses and ranges', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 172.16.0.0/12' }).TRUST_PROXY).toEqual(['loopback', '172.16.0.0/12']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(
      'TRUST_PROXY must be a number of proxies (such as 1) or their addresses or ranges',
    );
  });
});
