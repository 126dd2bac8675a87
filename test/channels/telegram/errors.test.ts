import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  InvalidRequestError,
  MediaRejectedError,
  NetworkError,
  RateLimitedError,
  RecipientUnreachableError,
} from '../../../src/channels/channel-errors.ts';
import { createTelegramChannel, type TelegramChannel } from '../../../src/channels/telegram/index.ts';
import { createLogger } from '../../../src/logger.ts';
import { freePort } from '../../support/processes.ts';
import { FakeBotApi } from './fake-bot-api.ts';

const logger = createLogger({ LOG_LEVEL: 'silent' });
const TOKEN = '123456:errors-test-token';
const aminata = { channel: 'telegram' as const, platformId: '512000111' };
const hello = { kind: 'text' as const, text: 'Bonjour' };

describe('Telegram errors, translated at the edge', () => {
  let api: FakeBotApi;
  let channel: TelegramChannel;

  beforeAll(async () => {
    api = await new FakeBotApi(TOKEN).start();
    channel = createTelegramChannel({ config: { botToken: TOKEN, apiRoot: api.apiRoot, mode: 'webhook' }, logger });
  });

  afterAll(async () => {
    await api.stop();
  });

  beforeEach(() => {
    api.methods.clear();
    api.calls.length = 0;
  });

  it('returns the id of the message sent', async () => {
    api.methods.set('sendMessage', (body) => ({
      message_id: 812,
      date: 1772442000,
      chat: { id: Number(body.chat_id), type: 'private' },
      text: body.text,
    }));
    await expect(channel.adapter.send(aminata, hello)).resolves.toEqual({ platformMessageId: '812' });
    expect(api.callsOf('sendMessage')[0]?.body).toMatchObject({ chat_id: '512000111', text: 'Bonjour' });
  });

  it('sends a long text as several messages and returns the last one', async () => {
    let next = 900;
    api.methods.set('sendMessage', (body) => ({
      message_id: next++,
      date: 1772442000,
      chat: { id: 1, type: 'private' },
      text: body.text,
    }));
    const text = `${'a'.repeat(4000)}\n\n${'b'.repeat(4000)}`;
    await expect(channel.adapter.send(aminata, { kind: 'text', text })).resolves.toEqual({ platformMessageId: '901' });
    expect(api.callsOf('sendMessage').map((call) => call.body.text)).toEqual(['a'.repeat(4000), 'b'.repeat(4000)]);
  });

  it('429 becomes RateLimitedError with Telegram retry_after', async () => {
    api.failWith('sendMessage', 429, 'Too Many Requests: retry after 17', { retry_after: 17 });
    const error = await channel.adapter.send(aminata, hello).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(17);
  });

  it('403 (blocked, deactivated) becomes RecipientUnreachableError', async () => {
    for (const description of ['Forbidden: bot was blocked by the user', 'Forbidden: user is deactivated']) {
      api.failWith('sendMessage', 403, description);
      await expect(channel.adapter.send(aminata, hello)).rejects.toThrow(RecipientUnreachableError);
    }
  });

  it('400 chat not found becomes RecipientUnreachableError; other 400s InvalidRequestError', async () => {
    api.failWith('sendMessage', 400, 'Bad Request: chat not found');
    await expect(channel.adapter.send(aminata, hello)).rejects.toThrow(RecipientUnreachableError);
    api.failWith('sendMessage', 400, 'Bad Request: message text is empty');
    await expect(channel.adapter.send(aminata, { kind: 'text', text: '' })).rejects.toThrow(InvalidRequestError);
  });

  it('5xx, and a server that cannot be reached, become NetworkError', async () => {
    api.failWith('sendMessage', 500, 'Internal Server Error');
    await expect(channel.adapter.send(aminata, hello)).rejects.toThrow(NetworkError);
    api.failWith('sendMessage', 502, 'Bad Gateway');
    await expect(channel.adapter.send(aminata, hello)).rejects.toThrow(NetworkError);
    const nowhere = createTelegramChannel({
      config: { botToken: TOKEN, apiRoot: `http://127.0.0.1:${await freePort()}`, mode: 'webhook' },
      logger,
    });
    const error = await nowhere.adapter.send(aminata, hello).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(String((error as Error).message)).not.toContain(TOKEN);
  });

  it('a wrong bot token (401) becomes NetworkError, so that messages wait for the fix', async () => {
    const wrongToken = createTelegramChannel({
      config: { botToken: '123456:revoked', apiRoot: api.apiRoot, mode: 'webhook' },
      logger,
    });
    await expect(wrongToken.adapter.send(aminata, hello)).rejects.toThrow(/401 Unauthorized.*TELEGRAM_BOT_TOKEN/);
  });

  it('refuses a choice id too long for Telegram before calling it', async () => {
    const choices = [{ id: 'x'.repeat(63), label: 'Trop long' }];
    await expect(channel.adapter.send(aminata, { kind: 'choices', text: 'Choisis', choices })).rejects.toThrow(
      InvalidRequestError,
    );
    expect(api.calls).toEqual([]);
  });
});

describe('downloadMedia', () => {
  let api: FakeBotApi;
  let channel: TelegramChannel;
  const voice = Buffer.from('OggS fake voice note bytes');

  const getFileAnswers = (files: Record<string, { file_size?: number; file_path?: string }>) =>
    api.methods.set('getFile', (body, reply) => {
      const file = files[String(body.file_id)];
      if (!file)
        return reply.code(400).send({ ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
      return { file_id: body.file_id, file_unique_id: `u-${String(body.file_id)}`, ...file };
    });

  beforeAll(async () => {
    api = await new FakeBotApi(TOKEN).start();
    channel = createTelegramChannel({ config: { botToken: TOKEN, apiRoot: api.apiRoot, mode: 'polling' }, logger });
    api.files.set('voice/file_7.oga', (reply) => reply.type('application/octet-stream').send(voice));
    api.files.set('documents/file_8', (reply) => reply.send(Buffer.from('%PDF-1.7')));
    api.files.set('documents/big.pdf', (reply) => reply.type('application/pdf').send(Buffer.alloc(5000)));
    // Sent in chunks with no Content-Length: only counting while reading finds it too large.
    api.files.set('videos/stream.mp4', (reply) =>
      reply.type('video/mp4').send(
        Readable.from(
          (function* () {
            for (let i = 0; i < 50; i++) yield Buffer.alloc(1024);
          })(),
        ),
      ),
    );
    getFileAnswers({
      voice7: { file_size: voice.length, file_path: 'voice/file_7.oga' },
      doc8: { file_path: 'documents/file_8' },
      huge: { file_size: 50_000_000, file_path: 'documents/huge.pdf' },
      lying: { file_size: 100, file_path: 'documents/big.pdf' },
      stream: { file_path: 'videos/stream.mp4' },
    });
  });

  afterAll(async () => {
    await api.stop();
  });

  beforeEach(() => {
    api.fileRequests.length = 0;
  });

  it('downloads a file, its type guessed from its path when the update gave none', async () => {
    const media = await channel.adapter.downloadMedia({ kind: 'voice', ref: 'voice7' }, 1024);
    expect(media).toEqual({ data: voice, mimeType: 'audio/ogg' });
    expect(api.fileRequests).toEqual(['voice/file_7.oga']);
  });

  it('keeps the type the update gave, and falls back to application/octet-stream', async () => {
    const given = await channel.adapter.downloadMedia(
      { kind: 'document', ref: 'doc8', mimeType: 'application/pdf' },
      1024,
    );
    expect(given.mimeType).toBe('application/pdf');
    const unknown = await channel.adapter.downloadMedia({ kind: 'document', ref: 'doc8' }, 1024);
    expect(unknown).toEqual({ data: Buffer.from('%PDF-1.7'), mimeType: 'application/octet-stream' });
  });

  it('refuses a file over maxBytes before downloading it', async () => {
    await expect(channel.adapter.downloadMedia({ kind: 'document', ref: 'huge' }, 25 * 1024 * 1024)).rejects.toThrow(
      MediaRejectedError,
    );
    const getFiles = api.callsOf('getFile').length;
    await expect(
      channel.adapter.downloadMedia({ kind: 'document', ref: 'voice7', sizeBytes: 4096 }, 1024),
    ).rejects.toThrow(MediaRejectedError);
    expect(api.callsOf('getFile')).toHaveLength(getFiles);
    expect(api.fileRequests).toEqual([]);
  });

  it('refuses a file that turns out larger than maxBytes while downloading', async () => {
    await expect(channel.adapter.downloadMedia({ kind: 'document', ref: 'lying' }, 1024)).rejects.toThrow(
      MediaRejectedError,
    );
    await expect(channel.adapter.downloadMedia({ kind: 'video', ref: 'stream' }, 10 * 1024)).rejects.toThrow(
      MediaRejectedError,
    );
    expect(api.fileRequests).toEqual(['documents/big.pdf', 'videos/stream.mp4']);
  });

  it('refuses a file the Bot API will not serve (over 20 MB)', async () => {
    api.failWith('getFile', 400, 'Bad Request: file is too big');
    await expect(channel.adapter.downloadMedia({ kind: 'video', ref: 'anything' }, 100 * 1024 * 1024)).rejects.toThrow(
      MediaRejectedError,
    );
  });
});
