import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundFile } from '../../../src/channels/channel-adapter.ts';
import { InvalidRequestError, RateLimitedError } from '../../../src/channels/channel-errors.ts';
import type { Recipient } from '../../../src/domain/outbound-message.ts';
import { ACCESS_TOKEN, createTestChannel } from './support/channel.ts';
import { GraphStandIn, metaError } from './support/graph-stand-in.ts';
import { AICHA, PHONE_NUMBER_ID } from './support/meta-payloads.ts';

const AICHA_IDENTITY: Recipient = { channel: 'whatsapp', platformId: AICHA.user_id, phoneNumber: AICHA.wa_id };
const ENVELOPE = { messaging_product: 'whatsapp', recipient_type: 'individual', to: AICHA.wa_id };
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7, 0xff, 0xd9]);

function file(mimeType: string, fileName: string, data = JPEG): OutboundFile {
  return { data, mimeType, fileName };
}

describe('files sent through the WhatsApp Cloud API', () => {
  let graph: GraphStandIn;
  let channel: ReturnType<typeof createTestChannel>;

  beforeAll(async () => {
    graph = await new GraphStandIn(ACCESS_TOKEN).start();
    channel = createTestChannel(graph.url);
  });
  afterAll(() => graph.stop());
  beforeEach(() => graph.reset());

  it('uploads a photo to /{phone-number-id}/media, then sends an image message with the media id and caption', async () => {
    const sent = await channel.adapter.send(
      AICHA_IDENTITY,
      { kind: 'media', media: 'photo', mediaFileId: 'm1', caption: 'Le plan de la salle' },
      file('image/jpeg', 'm1.jpg'),
    );

    expect(graph.requests.map((r) => `${r.method} ${r.url} ${r.authorization}`)).toEqual([
      `POST /v23.0/${PHONE_NUMBER_ID}/media Bearer ${ACCESS_TOKEN}`,
      `POST /v23.0/${PHONE_NUMBER_ID}/messages Bearer ${ACCESS_TOKEN}`,
    ]);
    const [upload] = graph.uploads;
    expect(upload).toMatchObject({
      fields: { messaging_product: 'whatsapp', type: 'image/jpeg' },
      fileName: 'm1.jpg',
      mimeType: 'image/jpeg',
    });
    expect(upload?.data.equals(JPEG)).toBe(true);
    expect(graph.messageRequests).toEqual([
      { ...ENVELOPE, type: 'image', image: { id: upload?.id, caption: 'Le plan de la salle' } },
    ]);
    expect(sent.platformMessageId).toMatch(/^wamid\./);
  });

  it('sends a voice note as audio marked voice, a video as video, a PDF as a named document', async () => {
    await channel.adapter.send(
      AICHA_IDENTITY,
      { kind: 'media', media: 'voice', mediaFileId: 'v' },
      file('audio/ogg; codecs=opus', 'v.ogg', Buffer.from('OggS')),
    );
    await channel.adapter.send(
      AICHA_IDENTITY,
      { kind: 'media', media: 'video', mediaFileId: 'w' },
      file('video/mp4', 'w.mp4'),
    );
    await channel.adapter.send(
      AICHA_IDENTITY,
      { kind: 'media', media: 'document', mediaFileId: 'd', caption: 'Le guide' },
      file('application/pdf', 'd.pdf'),
    );
    const [voice, video, pdf] = graph.uploads;
    expect(graph.uploads.map((u) => u.fields.type)).toEqual(['audio/ogg', 'video/mp4', 'application/pdf']);
    expect(graph.messageRequests).toEqual([
      { ...ENVELOPE, type: 'audio', audio: { id: voice?.id, voice: true } },
      { ...ENVELOPE, type: 'video', video: { id: video?.id } },
      { ...ENVELOPE, type: 'document', document: { id: pdf?.id, caption: 'Le guide', filename: 'd.pdf' } },
    ]);
  });

  it('sends as a document a photo WhatsApp would not show as an image (WebP, or over 5 MB)', async () => {
    await channel.adapter.send(
      AICHA_IDENTITY,
      { kind: 'media', media: 'photo', mediaFileId: 'p' },
      file('image/webp', 'p.webp'),
    );
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 1);
    await channel.adapter.send(
      AICHA_IDENTITY,
      { kind: 'media', media: 'photo', mediaFileId: 'q' },
      file('image/png', 'q.png', big),
    );
    expect(graph.messageRequests.map((m) => m.type)).toEqual(['document', 'document']);
    expect(graph.uploads[1]?.data.length).toBe(big.length);
  });

  it('sends a voice note’s caption, which audio cannot carry, as a text after it', async () => {
    await channel.adapter.send(
      AICHA_IDENTITY,
      { kind: 'media', media: 'voice', mediaFileId: 'v', caption: 'Écoute jusqu’au bout' },
      file('audio/mpeg', 'v.mp3'),
    );
    expect(graph.messageRequests).toEqual([
      { ...ENVELOPE, type: 'audio', audio: { id: graph.uploads[0]?.id } },
      { ...ENVELOPE, type: 'text', text: { body: 'Écoute jusqu’au bout' } },
    ]);
  });

  it('refuses a type WhatsApp takes in no form, before uploading anything', async () => {
    await expect(
      channel.adapter.send(
        AICHA_IDENTITY,
        { kind: 'media', media: 'video', mediaFileId: 'x' },
        file('video/quicktime', 'x.mov'),
      ),
    ).rejects.toThrow(InvalidRequestError);
    expect(graph.requests).toEqual([]);
  });

  it('translates a refused upload as any other Graph API error, and sends no message', async () => {
    graph.failNext({ status: 400, body: metaError('(#130429) Rate limit hit', 'OAuthException', 130429) });
    await expect(
      channel.adapter.send(
        AICHA_IDENTITY,
        { kind: 'media', media: 'photo', mediaFileId: 'm' },
        file('image/jpeg', 'm.jpg'),
      ),
    ).rejects.toThrow(RateLimitedError);
    expect(graph.messageRequests).toEqual([]);
  });
});
