import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES, createServer } from '../../../src/http/create-server.ts';
import { WEBHOOK_FAILURE_LIMIT } from '../../../src/http/failed-attempts.ts';
import { createLogger } from '../../../src/logger.ts';
import { ACCESS_TOKEN, APP_SECRET, createTestChannel, VERIFY_TOKEN } from './support/channel.ts';
import { GraphStandIn } from './support/graph-stand-in.ts';
import { metaJson, signAsMeta } from './support/meta-json.ts';
import {
  AICHA,
  contactOf,
  messageFrom,
  messagesChange,
  messagesFrom,
  RIVO,
  status,
  textFrom,
  webhookBody,
} from './support/meta-payloads.ts';
import { RecordingSink } from './support/recording-sink.ts';

const PATH = '/webhooks/whatsapp';

describe('WhatsApp webhook', () => {
  let graph: GraphStandIn;
  let channel: ReturnType<typeof createTestChannel>;
  let app: FastifyInstance;
  let sink: RecordingSink;

  beforeAll(async () => {
    graph = await new GraphStandIn(ACCESS_TOKEN).start();
    channel = createTestChannel(graph.url);
  });
  afterAll(() => graph.stop());

  beforeEach(async () => {
    graph.reset();
    sink = new RecordingSink();
    app = createServer({ logger: createLogger({ LOG_LEVEL: 'silent' }), readinessChecks: [] });
    channel.registerWebhook(app, sink);
    // A route of the main app, to show that the webhook's raw-body parser stays inside its plugin.
    app.post('/echo', async (request) => ({ received: request.body }));
    await app.ready();
  });
  afterEach(() => app.close());

  /** POSTs `body` as Meta does: Meta-style JSON, signed over its exact bytes. */
  function deliver(body: unknown, { secret = APP_SECRET } = {}) {
    const payload = metaJson(body);
    return app.inject({
      method: 'POST',
      url: PATH,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signAsMeta(payload, secret) },
      payload,
    });
  }

  describe('verification handshake', () => {
    it('answers the challenge as plain text when the verify token matches', async () => {
      const response = await app.inject({
        method: 'GET',
        url: PATH,
        query: { 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      expect(response.body).toBe('1158201444');
    });

    it.each([
      ['a wrong token', { 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' }],
      ['another mode', { 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1' }],
      ['no parameters', {}],
    ])('refuses %s with 403', async (_name, query) => {
      const response = await app.inject({ method: 'GET', url: PATH, query });
      expect(response.statusCode).toBe(403);
      expect(response.body).not.toContain('1');
    });
  });

  it('records every message and status of one POST, in order, before answering 200', async () => {
    const body = webhookBody(
      messagesChange({
        contacts: [contactOf(AICHA)],
        messages: [
          textFrom(AICHA, 'wamid.AICHA.1', 'Bonjour', '1767261600'),
          textFrom(AICHA, 'wamid.AICHA.2', 'Je suis prête pour la semaine 3', '1767261605'),
        ],
      }),
      messagesChange({ statuses: [status('wamid.SENT.1', 'read', AICHA, '1767261610')] }),
    );

    const response = await deliver(body);

    expect(response.statusCode).toBe(200);
    expect(sink.events.map((e) => [e.platformEventId, e.kind, e.sentAt])).toEqual([
      ['wamid.AICHA.1', 'text', '2026-01-01T10:00:00.000Z'],
      ['wamid.AICHA.2', 'text', '2026-01-01T10:00:05.000Z'],
    ]);
    expect(sink.events[1]).toMatchObject({ text: 'Je suis prête pour la semaine 3' });
    expect(sink.statuses).toEqual([
      { channel: 'whatsapp', platformMessageId: 'wamid.SENT.1', status: 'read', at: '2026-01-01T10:00:10.000Z' },
    ]);
  });

  it('handles several entries, as Meta batches them', async () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        messagesFrom(AICHA, textFrom(AICHA, 'wamid.E1', 'un')).entry[0],
        messagesFrom(RIVO, textFrom(RIVO, 'wamid.E2', 'deux')).entry[0],
      ],
    };
    expect((await deliver(body)).statusCode).toBe(200);
    expect(sink.events.map((e) => [e.platformEventId, e.sender.platformId])).toEqual([
      ['wamid.E1', AICHA.user_id],
      ['wamid.E2', RIVO.user_id],
    ]);
  });

  it('checks the signature on the bytes as sent, with non-ASCII escaped as \\uXXXX, and keeps the text intact', async () => {
    const text = 'Réponse à la question — ça marche ✓ 👍🏾';
    const body = messagesFrom(AICHA, textFrom(AICHA, 'wamid.UNICODE', text));
    const payload = metaJson(body);
    // The signed bytes are pure ASCII and differ from JSON.stringify's: only a raw-body check passes.
    expect(payload).toContain(
      'R\\u00e9ponse \\u00e0 la question \\u2014 \\u00e7a marche \\u2713 \\ud83d\\udc4d\\ud83c\\udffe',
    );
    expect(payload).not.toBe(JSON.stringify(body));

    const response = await deliver(body);

    expect(response.statusCode).toBe(200);
    expect(sink.events).toMatchObject([{ kind: 'text', text, sender: { displayName: 'Aïcha Koné' } }]);
  });

  it('refuses a forged signature with 401 and records nothing', async () => {
    const response = await deliver(messagesFrom(AICHA, textFrom(AICHA, 'wamid.FORGED', 'hello')), {
      secret: 'not-the-secret',
    });
    expect(response.statusCode).toBe(401);
    expect(sink.batches).toEqual([]);
  });

  it('answers 429 to an address after too many forged signatures or wrong verify tokens, never to a signed request', async () => {
    const forge = (remoteAddress: string) => {
      const payload = metaJson(messagesFrom(AICHA, textFrom(AICHA, 'wamid.FORGED', 'hello')));
      return app.inject({
        method: 'POST',
        url: PATH,
        remoteAddress,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signAsMeta(payload, 'guess') },
        payload,
      });
    };
    const guessToken = (remoteAddress: string) =>
      app.inject({
        method: 'GET',
        url: PATH,
        remoteAddress,
        query: { 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' },
      });
    const half = WEBHOOK_FAILURE_LIMIT.max / 2;
    for (let attempt = 1; attempt <= half; attempt++) expect((await forge('203.0.113.9')).statusCode).toBe(401);
    for (let attempt = half + 1; attempt <= WEBHOOK_FAILURE_LIMIT.max; attempt++)
      expect((await guessToken('203.0.113.9')).statusCode).toBe(403);
    for (const refused of [await forge('203.0.113.9'), await guessToken('203.0.113.9')]) {
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.json().error).toContain('too many requests that failed verification');
    }
    expect((await forge('198.51.100.4')).statusCode).toBe(401);
    // Meta's signed bursts go through, from any address.
    for (let i = 0; i < WEBHOOK_FAILURE_LIMIT.max * 2; i++) {
      const payload = metaJson(messagesFrom(AICHA, textFrom(AICHA, `wamid.BURST${i}`, 'oui')));
      const response = await app.inject({
        method: 'POST',
        url: PATH,
        remoteAddress: '203.0.113.9',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signAsMeta(payload, APP_SECRET) },
        payload,
      });
      expect(response.statusCode).toBe(200);
    }
    const handshake = await app.inject({
      method: 'GET',
      url: PATH,
      remoteAddress: '203.0.113.9',
      query: { 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '42' },
    });
    expect(handshake.statusCode).toBe(200);
    expect(sink.batches).toHaveLength(WEBHOOK_FAILURE_LIMIT.max * 2);
  });

  it('refuses a body altered after signing with 401', async () => {
    const signed = metaJson(messagesFrom(AICHA, textFrom(AICHA, 'wamid.ALTERED', 'oui')));
    const altered = signed.replace('oui', 'non');
    const response = await app.inject({
      method: 'POST',
      url: PATH,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signAsMeta(signed, APP_SECRET) },
      payload: altered,
    });
    expect(response.statusCode).toBe(401);
    expect(sink.batches).toEqual([]);
  });

  it.each([
    ['no signature', {}],
    ['a signature of another scheme', { 'x-hub-signature': 'sha1=0123456789abcdef0123456789abcdef01234567' }],
    ['a malformed signature', { 'x-hub-signature-256': 'sha256=zz' }],
  ])('refuses a POST with %s with 401', async (_name, headers) => {
    const response = await app.inject({
      method: 'POST',
      url: PATH,
      headers: { 'content-type': 'application/json', ...headers },
      payload: metaJson(messagesFrom(AICHA, textFrom(AICHA, 'wamid.UNSIGNED', 'hello'))),
    });
    expect(response.statusCode).toBe(401);
    expect(sink.batches).toEqual([]);
  });

  it('answers 200 to a redelivery and passes the event again with the same id, for the sink to drop', async () => {
    const body = messagesFrom(AICHA, textFrom(AICHA, 'wamid.REPLAYED', 'Une seule fois'));

    const first = await deliver(body);
    const again = await deliver(body);

    expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
    expect(sink.batches.map((batch) => batch.map((e) => e.platformEventId))).toEqual([
      ['wamid.REPLAYED'],
      ['wamid.REPLAYED'],
    ]);
    expect(sink.stored.size).toBe(1);
  });

  it('keys a person who shares no phone number by business-scoped user id, and answers them with `recipient`', async () => {
    const response = await deliver(messagesFrom(RIVO, textFrom(RIVO, 'wamid.RIVO.1', 'Salama')));

    expect(response.statusCode).toBe(200);
    const [event] = sink.events;
    expect(event?.sender).toEqual({
      channel: 'whatsapp',
      platformId: RIVO.user_id,
      username: RIVO.username,
      displayName: RIVO.name,
    });
    expect(event?.sender).not.toHaveProperty('phoneNumber');

    const sent = await channel.adapter.send(event!.sender, { kind: 'text', text: 'Bienvenue' });

    expect(sent.platformMessageId).toMatch(/^wamid\./);
    expect(graph.messageRequests).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        recipient: RIVO.user_id,
        type: 'text',
        text: { body: 'Bienvenue' },
      },
    ]);
  });

  it('keys a person who shares a number by business-scoped user id too, keeps the number, and answers with `to`', async () => {
    await deliver(messagesFrom(AICHA, textFrom(AICHA, 'wamid.AICHA.3', 'Bonsoir')));

    const [event] = sink.events;
    expect(event?.sender).toMatchObject({ platformId: AICHA.user_id, phoneNumber: AICHA.wa_id });

    await channel.adapter.send(event!.sender, { kind: 'text', text: 'Bonsoir Aïcha' });
    expect(graph.messageRequests[0]).toMatchObject({ to: AICHA.wa_id });
    expect(graph.messageRequests[0]).not.toHaveProperty('recipient');
  });

  it('keys a sender by phone number in a webhook from before business-scoped ids', async () => {
    const legacy = { wa_id: '22670112233', name: 'Issa' };
    await deliver(messagesFrom(legacy, textFrom(legacy, 'wamid.LEGACY', 'Salut')));
    expect(sink.events[0]?.sender).toEqual({
      channel: 'whatsapp',
      platformId: '22670112233',
      phoneNumber: '22670112233',
      displayName: 'Issa',
    });
  });

  it('records a voice note whose file is then fetched from the Graph API', async () => {
    const ogg = Buffer.from('OggS\0fake-opus-voice-note');
    graph.addMedia('1003383421387256', { data: ogg, mimeType: 'audio/ogg; codecs=opus' });
    const voice = {
      ...messageFrom(AICHA, 'wamid.VOICE'),
      type: 'audio',
      audio: { mime_type: 'audio/ogg; codecs=opus', sha256: 'ZWxlcGhhbnQ=', id: '1003383421387256', voice: true },
    };

    expect((await deliver(messagesFrom(AICHA, voice))).statusCode).toBe(200);
    const [event] = sink.events;
    expect(event).toMatchObject({
      kind: 'media',
      media: { kind: 'voice', ref: '1003383421387256', mimeType: 'audio/ogg; codecs=opus' },
    });
    if (event?.kind !== 'media') throw new Error('expected a media event');

    const file = await channel.adapter.downloadMedia(event.media, 1024 * 1024);

    expect(file).toEqual({ data: ogg, mimeType: 'audio/ogg; codecs=opus' });
    expect(graph.requests.map((r) => [r.method, r.url.replace(/^\/v23\.0/, ''), r.authorization])).toEqual([
      ['GET', '/1003383421387256', `Bearer ${ACCESS_TOKEN}`],
      ['GET', '/media-files/1003383421387256', `Bearer ${ACCESS_TOKEN}`],
    ]);
  });

  it('sets aside a validly signed body that is not JSON, and answers 200 so that Meta does not send it again', async () => {
    const payload = '{"object":"whatsapp_business_account","entry":[';
    const response = await app.inject({
      method: 'POST',
      url: PATH,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signAsMeta(payload, APP_SECRET) },
      payload,
    });
    expect(response.statusCode).toBe(200);
    expect(sink.batches).toEqual([]);
    expect(sink.setAsideItems).toEqual([
      {
        channel: 'whatsapp',
        platformEventId: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        error: 'body is not JSON',
        payload,
      },
    ]);
  });

  it.each([
    ['another object', { object: 'page', entry: [] }],
    ['no entries', { object: 'whatsapp_business_account' }],
  ])('sets aside a validly signed body with %s, and answers 200', async (_name, body) => {
    const response = await deliver(body);
    expect(response.statusCode).toBe(200);
    expect(sink.batches).toEqual([]);
    expect(sink.setAsideItems).toEqual([
      expect.objectContaining({ channel: 'whatsapp', error: expect.stringMatching(/^unexpected payload shape: /) }),
    ]);
  });

  it('records the readable messages and statuses of a batch, and sets aside the one of an unexpected shape', async () => {
    const body = webhookBody(
      messagesChange({
        contacts: [contactOf(AICHA), contactOf(RIVO)],
        messages: [
          textFrom(AICHA, 'wamid.GOOD1', 'Bonjour'),
          {
            id: 'wamid.NOTYPE',
            from: AICHA.wa_id,
            from_user_id: AICHA.user_id,
            timestamp: '1767261600',
            text: { body: 'sans type' },
          },
          { from: AICHA.wa_id, timestamp: '1767261600', type: 'text', text: { body: 'sans id' } },
          { ...textFrom(RIVO, 'wamid.BADTIME', 'hier'), timestamp: 'yesterday' },
          textFrom(RIVO, 'wamid.GOOD2', 'Salut'),
        ],
        statuses: [
          status('wamid.OUT1', 'read', AICHA),
          { ...status('wamid.OUT2', 'delivered', RIVO), timestamp: -5 },
          { status: 'sent', timestamp: '1767261700' },
        ],
      }),
    );
    const response = await deliver(body);
    expect(response.statusCode).toBe(200);
    expect([...sink.stored.keys()]).toEqual(['wamid.GOOD1', 'wamid.GOOD2']);
    expect(sink.statuses.map((s) => [s.platformMessageId, s.status])).toEqual([['wamid.OUT1', 'read']]);
    expect(
      sink.setAsideItems.map(({ platformEventId, senderId, error }) => ({ platformEventId, senderId, error })),
    ).toEqual([
      {
        platformEventId: 'wamid.NOTYPE',
        senderId: AICHA.user_id,
        error: 'unexpected message shape: type: Invalid input: expected string, received undefined',
      },
      {
        platformEventId: expect.stringMatching(/^sha256:/),
        senderId: AICHA.user_id,
        error: 'unexpected message shape: id: Invalid input: expected string, received undefined',
      },
      {
        platformEventId: 'wamid.BADTIME',
        senderId: RIVO.user_id,
        error: expect.stringMatching(/^unexpected message shape: timestamp: /),
      },
      {
        platformEventId: expect.stringMatching(/^sha256:/),
        senderId: RIVO.user_id,
        error: expect.stringMatching(/^unexpected status shape: timestamp: /),
      },
      {
        platformEventId: expect.stringMatching(/^sha256:/),
        senderId: undefined,
        error: expect.stringMatching(/^unexpected status shape: id: /),
      },
    ]);
    expect(JSON.parse(sink.setAsideItems[0]!.payload)).toMatchObject({
      id: 'wamid.NOTYPE',
      text: { body: 'sans type' },
    });
  });

  it('answers 503 when what it cannot read cannot be set aside either, so that Meta delivers again', async () => {
    sink.failure = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    const response = await deliver(
      messagesFrom(AICHA, { id: 'wamid.NOTYPE', from: AICHA.wa_id, timestamp: '1767261600' }),
    );
    expect(response.statusCode).toBe(503);
  });

  it('acknowledges changes of fields it does not read', async () => {
    const body = webhookBody({
      field: 'account_update',
      value: { phone_number: '15550783881', event: 'VERIFIED_ACCOUNT' },
    });
    expect((await deliver(body)).statusCode).toBe(200);
    expect(sink.batches).toEqual([]);
  });

  it('answers 503 when the events cannot be stored, so that Meta delivers again', async () => {
    sink.failure = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    const response = await deliver(messagesFrom(AICHA, textFrom(AICHA, 'wamid.DOWN', 'Allô ?')));
    expect(response.statusCode).toBe(503);

    sink.failure = undefined;
    expect((await deliver(messagesFrom(AICHA, textFrom(AICHA, 'wamid.DOWN', 'Allô ?')))).statusCode).toBe(200);
    expect([...sink.stored.keys()]).toEqual(['wamid.DOWN']);
  });

  it('refuses a body over the server limit with 413', async () => {
    const huge = textFrom(AICHA, 'wamid.HUGE', 'x'.repeat(BODY_LIMIT_BYTES));
    const response = await deliver(messagesFrom(AICHA, huge));
    expect(response.statusCode).toBe(413);
    expect(sink.batches).toEqual([]);
  });

  it('leaves the JSON parsing of other routes alone', async () => {
    const response = await app.inject({ method: 'POST', url: '/echo', payload: { hello: 'world' } });
    expect(response.json()).toEqual({ received: { hello: 'world' } });
  });
});
