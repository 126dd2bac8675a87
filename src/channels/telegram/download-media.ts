import { GrammyError, type Api } from 'grammy';
import type { DownloadedMedia } from '../channel-adapter.ts';
import { MediaRejectedError, NetworkError } from '../channel-errors.ts';
import type { MediaReference } from '../../domain/inbound-event.ts';
import { toChannelError } from './errors.ts';
import { mimeTypeOfPath } from './mime-type.ts';

/** A file of up to 20 MB (the Bot API's own limit) arrives well within this on a working link. */
const DOWNLOAD_TIMEOUT_MS = 120_000;

interface MediaSource {
  api: Api;
  apiRoot: string;
  botToken: string;
}

/**
 * Fetches a file a person sent: getFile, then the file itself
 * (https://core.telegram.org/bots/api#getfile). Refuses files over `maxBytes` before
 * downloading when their size is known, and stops reading as soon as one turns out larger.
 */
export async function downloadMedia(
  source: MediaSource,
  media: MediaReference,
  maxBytes: number,
): Promise<DownloadedMedia> {
  if (media.sizeBytes !== undefined && media.sizeBytes > maxBytes) throw tooLarge(media.sizeBytes, maxBytes);
  const file = await getFile(source.api, media.ref);
  if (file.file_size !== undefined && file.file_size > maxBytes) throw tooLarge(file.file_size, maxBytes);
  if (!file.file_path) throw new MediaRejectedError('Telegram gave no path to download the file from');

  // The URL holds the bot token: it appears in no message and no log.
  const url = `${source.apiRoot}/file/bot${source.botToken}/${file.file_path}`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (error) {
    throw new NetworkError(`the file could not be downloaded from Telegram: ${describe(error)}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    // A path stays valid for an hour; a new getFile, on a retry, gives a fresh one.
    throw new NetworkError(`Telegram answered ${response.status} to the file download`);
  }
  const announced = Number(response.headers.get('content-length') ?? Number.NaN);
  if (announced > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(announced, maxBytes);
  }
  const data = await readAtMost(response, maxBytes);
  return { data, mimeType: media.mimeType ?? mimeTypeOfPath(file.file_path) };
}

async function getFile(api: Api, fileId: string) {
  try {
    return await api.getFile(fileId);
  } catch (error) {
    // The Bot API serves files of at most 20 MB and says so with a 400.
    if (error instanceof GrammyError && /file is too big/i.test(error.description)) {
      throw new MediaRejectedError(`Telegram will not serve this file: ${error.description}`);
    }
    throw toChannelError(error);
  }
}

async function readAtMost(response: Response, maxBytes: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw tooLarge(total, maxBytes, 'at least ');
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof MediaRejectedError) throw error;
    throw new NetworkError(`the file download from Telegram was interrupted: ${describe(error)}`);
  }
  return Buffer.concat(chunks);
}

function tooLarge(size: number, maxBytes: number, qualifier = ''): MediaRejectedError {
  return new MediaRejectedError(`the file is ${qualifier}${size} bytes, over the ${maxBytes}-byte limit`);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
