import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InvalidRequestError, MediaRejectedError } from '../../../src/channels/channel-errors.ts';
import type { MediaReference } from '../../../src/domain/inbound-event.ts';
import { ACCESS_TOKEN, createTestChannel } from './support/channel.ts';
import { GraphStandIn } from './support/graph-stand-in.ts';

const MAX_BYTES = 64 * 1024;
const photo = (ref: string, extra: Partial<MediaReference> = {}): MediaReference => ({
  kind: 'photo',
  ref,
  mimeType: 'image/jpeg',
  ...extra,
});

describe('downloading media from the WhatsApp Cloud API', () => {
  let graph: GraphStandIn;
  let channel: ReturnType<typeof createTestChannel>;

  beforeAll(async () => {
    graph = await new GraphStandIn(ACCESS_TOKEN).start();
    channel = createTestChannel(graph.url);
  });
  afterAll(() => graph.stop());
  beforeEach(() => graph.reset());

  it('fetches the metadata, then the file with the token', async () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(30_000, 7)]);
    graph.addMedia('5521', { data: jpeg, mimeType: 'image/jpeg' });

    const file = await channel.adapter.downloadMedia(photo('5521'), MAX_BYTES);

    expect(file.mimeType).toBe('image/jpeg');
    expect(file.data.equals(jpeg)).toBe(true);
    expect(graph.requests.map((r) => [r.url, r.authorization])).toEqual([
      ['/v23.0/5521', `Bearer ${ACCESS_TOKEN}`],
      ['/media-files/5521', `Bearer ${ACCESS_TOKEN}`],
    ]);
  });

  it('refuses a file Meta says is too large without downloading it', async () => {
    graph.addMedia('5522', { data: Buffer.alloc(MAX_BYTES + 1), mimeType: 'video/mp4' });

    const downloading = channel.adapter.downloadMedia({ kind: 'video', ref: '5522' }, MAX_BYTES);

    await expect(downloading).rejects.toBeInstanceOf(MediaRejectedError);
    await expect(downloading).rejects.toMatchObject({ reason: 'too-large' });
    expect(graph.requests.map((r) => r.url)).toEqual(['/v23.0/5522']);
  });

  it('stops reading a file that grows past the limit though announced small', async () => {
    graph.addMedia('5523', { data: Buffer.alloc(4 * MAX_BYTES, 1), mimeType: 'application/pdf', announcedSize: 1000 });

    const downloading = channel.adapter.downloadMedia({ kind: 'document', ref: '5523' }, MAX_BYTES);

    await expect(downloading).rejects.toBeInstanceOf(MediaRejectedError);
    await expect(downloading).rejects.toMatchObject({ reason: 'too-large' });
  });

  it('accepts a file of exactly the limit, streamed without Content-Length', async () => {
    graph.addMedia('5524', { data: Buffer.alloc(MAX_BYTES, 2), mimeType: 'audio/ogg', announcedSize: 10 });
    const file = await channel.adapter.downloadMedia({ kind: 'voice', ref: '5524' }, MAX_BYTES);
    expect(file.data.length).toBe(MAX_BYTES);
  });

  it('refuses without a request when the webhook already gave a size over the limit', async () => {
    await expect(
      channel.adapter.downloadMedia(photo('5525', { sizeBytes: MAX_BYTES + 1 }), MAX_BYTES),
    ).rejects.toBeInstanceOf(MediaRejectedError);
    expect(graph.requests).toEqual([]);
  });

  it('never sends the token in clear text to a host other than the Graph API', async () => {
    graph.addMedia('5526', {
      data: Buffer.from('x'),
      mimeType: 'image/jpeg',
      url: 'http://lookaside.example.net/5526',
    });
    await expect(channel.adapter.downloadMedia(photo('5526'), MAX_BYTES)).rejects.toThrow(/not https/);
    expect(graph.requests.map((r) => r.url)).toEqual(['/v23.0/5526']);
  });

  it('reports a media id Meta no longer knows (over 7 days old) as an invalid request', async () => {
    const downloading = channel.adapter.downloadMedia(photo('999999'), MAX_BYTES);
    await expect(downloading).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(downloading).rejects.toThrow(/does not exist/);
  });
});
