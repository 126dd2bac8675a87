import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundFile } from '../../../src/channels/channel-adapter.ts';
import { InvalidRequestError, RecipientUnreachableError } from '../../../src/channels/channel-errors.ts';
import { createTelegramChannel, type TelegramChannel } from '../../../src/channels/telegram/index.ts';
import { createLogger } from '../../../src/logger.ts';
import { FakeBotApi, type UploadedFile } from './fake-bot-api.ts';

const logger = createLogger({ LOG_LEVEL: 'silent' });
const TOKEN = '123456:media-test-token';
const josue = { channel: 'telegram' as const, platformId: '512000222' };
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);

function file(mimeType: string, fileName: string, data = JPEG): OutboundFile {
  return { data, mimeType, fileName };
}

describe('files sent on Telegram', () => {
  let api: FakeBotApi;
  let channel: TelegramChannel;

  beforeAll(async () => {
    api = await new FakeBotApi(TOKEN).start();
    channel = createTelegramChannel({ config: { botToken: TOKEN, apiRoot: api.apiRoot, mode: 'webhook' }, logger });
  });
  afterAll(() => api.stop());
  beforeEach(() => {
    api.methods.clear();
    api.calls.length = 0;
    api.acceptSends();
  });

  it('uploads a photo with sendPhoto, its bytes and its caption, and returns the message id', async () => {
    const sent = await channel.adapter.send(
      josue,
      { kind: 'media', media: 'photo', mediaFileId: 'm1', caption: 'Le schéma de la séance' },
      file('image/jpeg', 'm1.jpg'),
    );
    expect(sent).toEqual({ platformMessageId: '1000' });
    const [call] = api.callsOf('sendPhoto');
    expect(call?.body).toMatchObject({ chat_id: '512000222', caption: 'Le schéma de la séance' });
    const photo = call?.body.photo as UploadedFile;
    expect(photo.fileName).toBe('m1.jpg');
    expect(photo.data.equals(JPEG)).toBe(true);
  });

  it('sends a voice note, a video and a document each with its own method', async () => {
    const ogg = Buffer.from('OggS voice');
    await channel.adapter.send(
      josue,
      { kind: 'media', media: 'voice', mediaFileId: 'v' },
      file('audio/ogg', 'v.ogg', ogg),
    );
    await channel.adapter.send(josue, { kind: 'media', media: 'video', mediaFileId: 'w' }, file('video/mp4', 'w.mp4'));
    await channel.adapter.send(
      josue,
      { kind: 'media', media: 'document', mediaFileId: 'd' },
      file('application/pdf', 'd.pdf'),
    );
    expect(api.calls.map((call) => call.method)).toEqual(['sendVoice', 'sendVideo', 'sendDocument']);
    expect((api.callsOf('sendVoice')[0]?.body.voice as UploadedFile).data.toString()).toBe('OggS voice');
    expect((api.callsOf('sendDocument')[0]?.body.document as UploadedFile).fileName).toBe('d.pdf');
    expect(api.calls.every((call) => call.body.caption === undefined)).toBe(true);
  });

  it('sends as a document what Telegram would not show as a photo or a voice note', async () => {
    await channel.adapter.send(
      josue,
      { kind: 'media', media: 'photo', mediaFileId: 'g' },
      file('image/heic', 'g.heic'),
    );
    await channel.adapter.send(josue, { kind: 'media', media: 'voice', mediaFileId: 'a' }, file('audio/wav', 'a.wav'));
    expect(api.calls.map((call) => call.method)).toEqual(['sendDocument', 'sendDocument']);
  });

  it('sends a caption over 1024 characters as a text after the file, and returns that last message', async () => {
    const caption = 'Voici ce que je voulais te montrer. '.repeat(40).trim();
    const sent = await channel.adapter.send(
      josue,
      { kind: 'media', media: 'photo', mediaFileId: 'm2', caption },
      file('image/png', 'm2.png'),
    );
    expect(api.calls.map((call) => call.method)).toEqual(['sendPhoto', 'sendMessage']);
    expect(api.callsOf('sendPhoto')[0]?.body.caption).toBeUndefined();
    expect(api.callsOf('sendMessage')[0]?.body.text).toBe(caption);
    expect(sent).toEqual({ platformMessageId: '1001' });
  });

  it('translates Telegram’s refusals as for any other send', async () => {
    api.failWith('sendPhoto', 403, 'Forbidden: bot was blocked by the user');
    await expect(
      channel.adapter.send(josue, { kind: 'media', media: 'photo', mediaFileId: 'm3' }, file('image/jpeg', 'm3.jpg')),
    ).rejects.toThrow(RecipientUnreachableError);
    api.failWith('sendDocument', 400, 'Bad Request: file must be non-empty');
    await expect(
      channel.adapter.send(
        josue,
        { kind: 'media', media: 'document', mediaFileId: 'd2' },
        file('text/plain', 'd2.txt'),
      ),
    ).rejects.toThrow(InvalidRequestError);
  });

  it('refuses a media message without its file, and a file over 50 MB, before calling Telegram', async () => {
    await expect(channel.adapter.send(josue, { kind: 'media', media: 'photo', mediaFileId: 'x' })).rejects.toThrow(
      InvalidRequestError,
    );
    const huge = Buffer.alloc(50 * 1024 * 1024 + 1);
    await expect(
      channel.adapter.send(
        josue,
        { kind: 'media', media: 'video', mediaFileId: 'y' },
        file('video/mp4', 'y.mp4', huge),
      ),
    ).rejects.toThrow(/over Telegram/);
    expect(api.calls).toEqual([]);
  });
});
