import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type ChannelError,
  InvalidRequestError,
  NetworkError,
  RateLimitedError,
  RecipientUnreachableError,
  WindowClosedError,
} from '../../../src/channels/channel-errors.ts';
import type { Choice, Recipient } from '../../../src/domain/outbound-message.ts';
import { ACCESS_TOKEN, createTestChannel } from './support/channel.ts';
import { GraphStandIn, metaError, type GraphError } from './support/graph-stand-in.ts';
import { AICHA, PHONE_NUMBER_ID } from './support/meta-payloads.ts';

const AICHA_IDENTITY: Recipient = { channel: 'whatsapp', platformId: AICHA.user_id, phoneNumber: AICHA.wa_id };
const ENVELOPE = { messaging_product: 'whatsapp', recipient_type: 'individual', to: AICHA.wa_id };
const choices = (labels: string[]): Choice[] => labels.map((label, i) => ({ id: `q7:${i + 1}`, label }));

describe('sending through the WhatsApp Cloud API', () => {
  let graph: GraphStandIn;
  let channel: ReturnType<typeof createTestChannel>;

  beforeAll(async () => {
    graph = await new GraphStandIn(ACCESS_TOKEN).start();
    channel = createTestChannel(graph.url);
  });
  afterAll(() => graph.stop());
  beforeEach(() => graph.reset());

  it('posts a text to /{version}/{phone-number-id}/messages with the token and returns the wamid', async () => {
    const sent = await channel.adapter.send(AICHA_IDENTITY, {
      kind: 'text',
      text: 'Bonjour Aïcha, voici l’exercice de la semaine 3.',
    });

    expect(sent.platformMessageId).toMatch(/^wamid\.HBg/);
    expect(graph.requests).toMatchObject([
      { method: 'POST', url: `/v23.0/${PHONE_NUMBER_ID}/messages`, authorization: `Bearer ${ACCESS_TOKEN}` },
    ]);
    expect(graph.messageRequests).toEqual([
      { ...ENVELOPE, type: 'text', text: { body: 'Bonjour Aïcha, voici l’exercice de la semaine 3.' } },
    ]);
  });

  it('renders up to 3 short choices as reply buttons', async () => {
    await channel.adapter.send(AICHA_IDENTITY, {
      kind: 'choices',
      text: 'As-tu fini l’exercice ?',
      choices: choices(['Oui', 'Pas encore', 'Besoin d’aide']),
    });

    expect(graph.messageRequests).toEqual([
      {
        ...ENVELOPE,
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: 'As-tu fini l’exercice ?' },
          action: {
            buttons: [
              { type: 'reply', reply: { id: 'q7:1', title: 'Oui' } },
              { type: 'reply', reply: { id: 'q7:2', title: 'Pas encore' } },
              { type: 'reply', reply: { id: 'q7:3', title: 'Besoin d’aide' } },
            ],
          },
        },
      },
    ]);
  });

  it('renders 7 choices as a list opened by a neutral button', async () => {
    const days = ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi', 'Dimanche'];
    await channel.adapter.send(AICHA_IDENTITY, {
      kind: 'choices',
      text: 'Quel jour pour ton point mentor ?',
      choices: choices(days),
    });

    expect(graph.messageRequests).toEqual([
      {
        ...ENVELOPE,
        type: 'interactive',
        interactive: {
          type: 'list',
          body: { text: 'Quel jour pour ton point mentor ?' },
          action: { button: '☰', sections: [{ rows: days.map((title, i) => ({ id: `q7:${i + 1}`, title })) }] },
        },
      },
    ]);
  });

  it('uses a list for 3 choices whose labels are too long for buttons but fit a row', async () => {
    await channel.adapter.send(AICHA_IDENTITY, {
      kind: 'choices',
      text: 'Ton niveau ?',
      choices: choices(['Très à l’aise (expert)', 'À l’aise', 'Débutant·e']),
    });
    expect(graph.messageRequests[0]).toMatchObject({ type: 'interactive', interactive: { type: 'list' } });
  });

  it('falls back to numbered text for 12 choices, which the conversation accepts by number', async () => {
    const labels = Array.from({ length: 12 }, (_, i) => `Semaine ${i + 1}`);
    await channel.adapter.send(AICHA_IDENTITY, {
      kind: 'choices',
      text: 'Quelle semaine revoir ?',
      choices: choices(labels),
    });

    expect(graph.messageRequests).toEqual([
      {
        ...ENVELOPE,
        type: 'text',
        text: { body: `Quelle semaine revoir ?\n\n${labels.map((l, i) => `${i + 1}. ${l}`).join('\n')}` },
      },
    ]);
  });

  it('falls back to numbered text when a label is longer than a list row allows', async () => {
    const labels = ['Oui', 'Non', 'Je voudrais en parler avec mon mentor'];
    await channel.adapter.send(AICHA_IDENTITY, { kind: 'choices', text: 'Prêt·e ?', choices: choices(labels) });
    expect(graph.messageRequests[0]).toMatchObject({
      type: 'text',
      text: { body: 'Prêt·e ?\n\n1. Oui\n2. Non\n3. Je voudrais en parler avec mon mentor' },
    });
  });

  it('falls back to numbered text when the question is longer than an interactive body allows', async () => {
    const question = 'Q'.repeat(1025);
    await channel.adapter.send(AICHA_IDENTITY, { kind: 'choices', text: question, choices: choices(['Oui', 'Non']) });
    expect(graph.messageRequests[0]).toMatchObject({ type: 'text', text: { body: `${question}\n\n1. Oui\n2. Non` } });
  });

  it('sends a media request as its text', async () => {
    await channel.adapter.send(AICHA_IDENTITY, {
      kind: 'media-request',
      text: 'Envoie une photo de ton atelier 📷',
      media: 'photo',
    });
    expect(graph.messageRequests).toEqual([
      { ...ENVELOPE, type: 'text', text: { body: 'Envoie une photo de ton atelier 📷' } },
    ]);
  });

  it('refuses a text over 4096 characters without calling the API', async () => {
    const sending = channel.adapter.send(AICHA_IDENTITY, { kind: 'text', text: 'é'.repeat(4097) });
    await expect(sending).rejects.toThrow(InvalidRequestError);
    await expect(sending).rejects.toThrow(/4097 characters/);
    expect(graph.requests).toEqual([]);
  });

  it('sends a template in French with its body parameters, folding new lines Meta refuses there', async () => {
    await channel.adapter.send(AICHA_IDENTITY, {
      kind: 'template',
      name: 'rappel_exercice',
      language: 'fr',
      parameters: ['Aïcha', 'l’exercice « Mon projet\nen 3 phrases »', 'lundi 12 janvier à 9 h (heure d’Abidjan)'],
      fallbackText: 'Rappel : ton exercice t’attend.',
    });

    expect(graph.messageRequests).toEqual([
      {
        ...ENVELOPE,
        type: 'template',
        template: {
          name: 'rappel_exercice',
          language: { code: 'fr', policy: 'deterministic' },
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: 'Aïcha' },
                { type: 'text', text: 'l’exercice « Mon projet en 3 phrases »' },
                { type: 'text', text: 'lundi 12 janvier à 9 h (heure d’Abidjan)' },
              ],
            },
          ],
        },
      },
    ]);
  });

  it('sends a template without parameters and a BCP 47 language as Meta spells it', async () => {
    await channel.adapter.send(AICHA_IDENTITY, {
      kind: 'template',
      name: 'hello',
      language: 'en-US',
      parameters: [],
      fallbackText: 'Hello',
    });
    expect(graph.messageRequests[0]).toMatchObject({ template: { name: 'hello', language: { code: 'en_US' } } });
    expect(graph.messageRequests[0]?.template).not.toHaveProperty('components');
  });

  it('addresses an identity keyed by phone number with `to`', async () => {
    await channel.adapter.send({ channel: 'whatsapp', platformId: '22670112233' }, { kind: 'text', text: 'Salut' });
    expect(graph.messageRequests[0]).toMatchObject({ to: '22670112233' });
    expect(graph.messageRequests[0]).not.toHaveProperty('recipient');
  });

  it('refuses a recipient of another channel', async () => {
    await expect(
      channel.adapter.send({ channel: 'telegram', platformId: '42' }, { kind: 'text', text: 'x' }),
    ).rejects.toThrow(InvalidRequestError);
    expect(graph.requests).toEqual([]);
  });

  it('marks a message as read', async () => {
    await channel.markAsRead('wamid.AICHA.1');
    expect(graph.messageRequests).toEqual([
      { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.AICHA.1' },
    ]);
  });

  describe('translates Graph API errors', () => {
    const cases: [string, GraphError, new (...args: never[]) => ChannelError, Record<string, unknown>?][] = [
      [
        'HTTP 429 with Retry-After',
        {
          status: 429,
          body: metaError('(#130429) Rate limit hit', 'OAuthException', 130429),
          headers: { 'retry-after': '17' },
        },
        RateLimitedError,
        { retryAfterSeconds: 17 },
      ],
      [
        'throughput 130429',
        { status: 400, body: metaError('(#130429) Rate limit hit', 'OAuthException', 130429) },
        RateLimitedError,
        { retryAfterSeconds: 1 },
      ],
      [
        'pair rate limit 131056',
        {
          status: 400,
          body: metaError(
            '(#131056) (Business Account, Consumer Account) pair rate limit hit',
            'OAuthException',
            131056,
          ),
        },
        RateLimitedError,
        { retryAfterSeconds: 6 },
      ],
      [
        'account rate limit 80007',
        { status: 400, body: metaError('(#80007) Rate limit issues', 'OAuthException', 80007) },
        RateLimitedError,
        { retryAfterSeconds: 60 },
      ],
      [
        'app rate limit 4',
        { status: 400, body: metaError('(#4) Application request limit reached', 'OAuthException', 4) },
        RateLimitedError,
        { retryAfterSeconds: 60 },
      ],
      [
        're-engagement 131047',
        { status: 400, body: metaError('(#131047) Re-engagement message', 'OAuthException', 131047) },
        WindowClosedError,
      ],
      [
        'undeliverable 131026',
        { status: 400, body: metaError('(#131026) Message Undeliverable', 'OAuthException', 131026) },
        RecipientUnreachableError,
      ],
      [
        'recipient not in the allowed list 131030',
        {
          status: 400,
          body: metaError('(#131030) Recipient phone number not in allowed list', 'OAuthException', 131030),
        },
        InvalidRequestError,
        { message: expect.stringMatching(/allowed list/) },
      ],
      [
        'an expired token',
        {
          status: 401,
          body: metaError('Error validating access token: Session has expired', 'OAuthException', 190, 463),
        },
        InvalidRequestError,
        { message: expect.stringMatching(/WHATSAPP_ACCESS_TOKEN/) },
      ],
      [
        'an invalid parameter',
        { status: 400, body: metaError('(#100) Invalid parameter', 'OAuthException', 100) },
        InvalidRequestError,
        { message: expect.stringMatching(/Invalid parameter.*code 100/) },
      ],
      [
        'a template that does not exist',
        {
          status: 404,
          body: metaError('(#132001) Template name does not exist in the translation', 'OAuthException', 132001),
        },
        InvalidRequestError,
      ],
      [
        'an error on Meta’s side',
        { status: 500, body: metaError('(#131000) Something went wrong', 'OAuthException', 131000) },
        NetworkError,
      ],
      [
        'a proxy’s HTML error page',
        { status: 502, body: '<html><body>Bad Gateway</body></html>', headers: { 'content-type': 'text/html' } },
        NetworkError,
      ],
    ];

    it.each(cases)('%s', async (_name, failure, errorClass, properties = {}) => {
      graph.failNext(failure);
      const sending = channel.adapter.send(AICHA_IDENTITY, { kind: 'text', text: 'Bonjour' });
      await expect(sending).rejects.toBeInstanceOf(errorClass);
      await expect(sending).rejects.toMatchObject(properties);
    });

    it('a token Meta does not know', async () => {
      const revoked = createTestChannel(graph.url, { accessToken: 'EAAG-revoked' });
      const sending = revoked.adapter.send(AICHA_IDENTITY, { kind: 'text', text: 'x' });
      await expect(sending).rejects.toBeInstanceOf(InvalidRequestError);
      await expect(sending).rejects.toThrow(/rejected the access token/);
    });

    it('an API that cannot be reached', async () => {
      const closed = await new GraphStandIn(ACCESS_TOKEN).start();
      await closed.stop();
      const offline = createTestChannel(closed.url);
      await expect(offline.adapter.send(AICHA_IDENTITY, { kind: 'text', text: 'x' })).rejects.toBeInstanceOf(
        NetworkError,
      );
      await expect(offline.markAsRead('wamid.X')).rejects.toBeInstanceOf(NetworkError);
    });
  });
});
