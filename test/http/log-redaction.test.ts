import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWhatsappChannel } from '../../src/channels/whatsapp/index.ts';
import { createServer } from '../../src/http/create-server.ts';
import { createLogger, redactUrl, type Logger } from '../../src/logger.ts';
import { createSignInLink } from '../../src/store/access/sign-in-links.ts';
import { seedCohort, startAdminTestApp } from '../support/admin-app.ts';
import { RecordingSink } from '../channels/whatsapp/support/recording-sink.ts';

/** A logger at info level whose lines are kept, as written, to be read by the test. */
function capturedLogger(): { logger: Logger; lines: string[]; text: () => string } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger({ LOG_LEVEL: 'info' }, { destination }), lines, text: () => lines.join('') };
}

describe('request logs keep secrets out', () => {
  describe('dashboard sign-in links', () => {
    const log = capturedLogger();
    let t: Awaited<ReturnType<typeof startAdminTestApp>>;
    let staffId: string;

    beforeAll(async () => {
      t = await startAdminTestApp({ logger: log.logger });
      staffId = (await seedCohort(t.test.db, new Date())).staffId;
    });
    afterAll(() => t.close());

    it('writes /admin/sign-in/[redacted] where the link was, however it is spelt, refused or not', async () => {
      const link = await createSignInLink(t.test.db, { personId: staffId, now: new Date(), validMinutes: 15 });
      if (!link.ok) throw new Error(link.reason);
      const { token } = link;
      expect((await t.app.inject({ method: 'GET', url: `/admin/sign-in/${token}` })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: `/admin/%73ign-in/${token}?from=mail` })).statusCode).toBe(200);
      // Refused (a form from another site): the refusal is logged with the URL.
      const forged = await t.app.inject({
        method: 'POST',
        url: `/admin/sign-in/${token}`,
        headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      });
      expect(forged.statusCode).toBe(403);
      expect((await t.app.inject({ method: 'POST', url: `/admin/sign-in/${token}` })).statusCode).toBe(303);
      // Used up: the 410 is logged too.
      expect((await t.app.inject({ method: 'GET', url: `/admin/sign-in/${token}` })).statusCode).toBe(410);

      await expect
        .poll(() => log.lines.filter((line) => line.includes('"request completed"')).length)
        .toBeGreaterThanOrEqual(5);
      expect(log.text()).not.toContain(token);
      expect(log.text()).toContain('"url":"/admin/sign-in/[redacted]"');
      expect(log.text()).toContain('"url":"/admin/sign-in/[redacted]?from=mail"');
    });
  });

  describe('webhooks and other query strings', () => {
    const log = capturedLogger();
    const VERIFY_TOKEN = 'verify-3b9c-do-not-log';
    const app = createServer({ logger: log.logger, readinessChecks: [] });

    beforeAll(async () => {
      const whatsapp = createWhatsappChannel({
        config: {
          accessToken: 'EAAG-x',
          phoneNumberId: '1',
          appSecret: 'app-secret-x',
          verifyToken: VERIFY_TOKEN,
          graphUrl: 'http://127.0.0.1:9',
          apiVersion: 'v23.0',
        },
        logger: log.logger,
      });
      whatsapp.registerWebhook(app, new RecordingSink());
      await app.ready();
    });
    afterAll(() => app.close());

    it("keeps WhatsApp's verify token, a simulator key and credential headers out of the log, answered or refused", async () => {
      const handshake = (token: string) =>
        `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`;
      expect((await app.inject({ method: 'GET', url: handshake(VERIFY_TOKEN) })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: handshake('guessed-9a7e-do-not-log') })).statusCode).toBe(403);
      // No such route: Fastify's own 404 would write the whole URL into its message.
      expect(
        (await app.inject({ method: 'GET', url: `/webhooks/whatsap?hub.verify_token=${VERIFY_TOKEN}` })).statusCode,
      ).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/simulator?key=sim-key-5d1f-do-not-log' })).statusCode).toBe(404);
      log.logger.info(
        {
          headers: {
            cookie: 'compagnon_session=cookie-do-not-log',
            authorization: 'Bearer bearer-do-not-log',
            'x-hub-signature-256': 'sha256=signature-do-not-log',
          },
        },
        'headers',
      );

      await expect.poll(() => log.lines.filter((line) => line.includes('"request completed"')).length).toBe(4);
      expect(log.text()).not.toMatch(/do-not-log/);
      expect(log.text()).toContain('hub.verify_token=[redacted]');
      expect(log.text()).toContain('/simulator?key=[redacted]');
    });
  });

  it('redacts sign-in and calendar tokens and secret query values, and leaves other URLs as they are', () => {
    expect(redactUrl('/admin/sign-in/abc?x=1')).toBe('/admin/sign-in/[redacted]?x=1');
    expect(redactUrl('/admin/sign-in')).toBe('/admin/sign-in');
    expect(redactUrl('/admin//Sign-In/abc')).toBe('/admin/sign-in/[redacted]');
    expect(redactUrl('/webhooks/whatsapp?hub.mode=subscribe&hub%2Everify_token=s&hub.challenge=c')).toBe(
      '/webhooks/whatsapp?hub.mode=subscribe&hub%2Everify_token=[redacted]&hub.challenge=[redacted]',
    );
    expect(redactUrl('/admin/cohorts/c1?tab=scores')).toBe('/admin/cohorts/c1?tab=scores');
    expect(redactUrl('/calendar/inv1/0123abcd.ics')).toBe('/calendar/inv1/[redacted]');
    expect(redactUrl('//Calendar/inv1/0123abcd.ics?x=1')).toBe('/calendar/inv1/[redacted]?x=1');
    expect(redactUrl('/calendar')).toBe('/calendar');
  });
});
