import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChannelName, MediaReference } from '../../domain/inbound-event.ts';
import type { Database } from '../database.ts';
import { sha256 } from '../stable-json.ts';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
  'audio/amr': 'amr',
  'audio/webm': 'weba',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.oasis.opendocument.text': 'odt',
};

/**
 * Where a file's bytes come from: the channel the person sent it on (a channel adapter has this
 * shape). The store knows no channel; it asks only for the bytes, and only for a file it has not kept.
 */
interface MediaSource {
  downloadMedia: (media: MediaReference, maxBytes: number) => Promise<{ data: Buffer; mimeType: string }>;
}

/**
 * Downloads a media file a person sent and keeps it under `mediaDir`, named by its content hash,
 * with its path, size and hash recorded. Running it twice for the same file stores it once.
 */
export async function storeMedia(options: {
  db: Database;
  /** The channel the file came in on. */
  adapter: MediaSource;
  personId: string;
  channel: ChannelName;
  media: MediaReference;
  mediaDir: string;
  maxBytes: number;
}): Promise<{ id: string; path: string; sizeBytes: number; sha256: string }> {
  const { db, adapter, media } = options;
  const select = { id: true, path: true, sizeBytes: true, sha256: true } as const;
  const existing = await db.mediaFile.findUnique({
    where: { channel_platformFileId: { channel: options.channel, platformFileId: media.ref } },
    select,
  });
  if (existing) return existing;

  const { data, mimeType } = await adapter.downloadMedia(media, options.maxBytes);
  const hash = sha256(data);
  const extension =
    EXTENSIONS[mimeType.split(';')[0]?.trim() ?? ''] ?? path.extname(media.fileName ?? '').slice(1) ?? 'bin';
  const relative = path.join(media.kind, hash.slice(0, 2), `${hash}.${extension || 'bin'}`);
  const absolute = path.join(options.mediaDir, relative);
  await mkdir(path.dirname(absolute), { recursive: true });
  // Write then rename: a crash never leaves a half-written file under its final name.
  const partial = `${absolute}.${process.pid}.partial`;
  await writeFile(partial, data);
  await rename(partial, absolute);

  return db.mediaFile.upsert({
    where: { channel_platformFileId: { channel: options.channel, platformFileId: media.ref } },
    create: {
      personId: options.personId,
      channel: options.channel,
      platformFileId: media.ref,
      path: relative,
      mimeType,
      sizeBytes: data.length,
      sha256: hash,
    },
    update: {},
    select,
  });
}
