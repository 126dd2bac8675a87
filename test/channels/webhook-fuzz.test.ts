import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWebhookFuzz } from '../../scripts/fuzz/run-webhook-fuzz.ts';
import { startWebhookProcess, type WebhookProcess } from '../../scripts/fuzz/start-webhook-process.ts';
import { freePort } from '../support/processes.ts';
import { REDIS_URL } from '../support/redis.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/** A bounded run of `npm run fuzz:webhooks`, against a real web process. */
describe('webhook fuzz', () => {
  let test: TestDatabase;
  let web: WebhookProcess;

  beforeAll(async () => {
    test = await createTestDatabase();
    web = await startWebhookProcess({ databaseUrl: test.url, redisUrl: REDIS_URL, port: await freePort() });
  });

  afterAll(async () => {
    await web?.stop();
    await test.drop();
  });

  it('answers a few hundred mutated requests without a 5xx or a crash, and loses no valid event', async () => {
    const figures = await runWebhookFuzz({ ...web, databaseUrl: test.url, seed: 20261202, requests: 500, seconds: 25 });
    const report = { ...figures, lastOutput: web.alive() ? undefined : web.lastOutput() };
    expect(figures.sent, JSON.stringify(report)).toBe(500);
    expect(figures.answers['5xx'], JSON.stringify(report)).toBe(0);
    expect(figures.answers['no answer']).toBe(0);
    expect(figures.crashes).toBe(0);
    expect(figures.validSent).toBeGreaterThan(100);
    expect(figures.validLost).toBe(0);
    expect(figures.sameSenderSent).toBeGreaterThan(0);
    expect(figures.sameSender503).toBe(0);
    // Some poison events were sent, and set aside rather than refused again and again.
    expect(figures.setAside).toBeGreaterThan(0);
  });
});
