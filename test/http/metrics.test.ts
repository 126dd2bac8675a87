import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { registerMetricsRoutes } from '../../src/http/metrics-routes.ts';
import { SimulatedPerson } from '../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

describe('GET /metrics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ routes: [(app, { db, queues }) => registerMetricsRoutes(app, { db, queues })] });
  });

  afterAll(async () => {
    await t.close();
  });

  it('reports events, messages, queues, delivery lag and rate limits in Prometheus format', async () => {
    const awa = await SimulatedPerson.create(t, { name: 'Awa' });
    await awa.send('aide');
    await t.queues.count('rate_limited', 'telegram');
    await t.test.db.rejectedInboundEvent.create({
      data: { channel: 'whatsapp', platformEventId: 'wamid.refused', error: '54000 index row size', payload: '{}' },
    });
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const body = response.body;
    expect(body).toContain('compagnon_inbound_events{channel="simulator",status="processed"} 1');
    expect(body).toContain('compagnon_outbound_messages{channel="simulator",status="sent"} 1');
    expect(body).toContain('compagnon_inbound_rejected_events{channel="whatsapp"} 1');
    expect(body).toMatch(/compagnon_queue_jobs\{queue="deliver-telegram",state="waiting"\} 0/);
    expect(body).toMatch(/compagnon_delivery_lag_seconds\{channel="simulator",quantile="0.99"\} \d/);
    expect(body).toContain('compagnon_delivery_rate_limited_total{channel="telegram"} 1');
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const TOKEN = 'scrape-7c1e0f2a9b4d';
  let t: TestApp;

  beforeAll(async () => {
    const token = loadConfig({ METRICS_TOKEN: ` ${TOKEN} ` }).METRICS_TOKEN;
    t = await startTestApp({ routes: [(app, { db, queues }) => registerMetricsRoutes(app, { db, queues, token })] });
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers only a request that carries the token as a bearer token', async () => {
    for (const authorization of [
      undefined,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`,
      TOKEN,
    ]) {
      const refused = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(refused.statusCode, authorization).toBe(401);
      expect(refused.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(refused.body).not.toContain('compagnon_');
    }
    const scraped = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(scraped.statusCode).toBe(200);
    expect(scraped.body).toContain('compagnon_queue_jobs');
  });

  it('is refused at start-up when too short to be a secret, and its value is not printed', () => {
    const message = (() => {
      try {
        loadConfig({ METRICS_TOKEN: 'short-one' });
        return 'accepted';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('METRICS_TOKEN must be at least 16 characters');
    expect(message).not.toContain('short-one');
  });
});
