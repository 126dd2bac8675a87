import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../database.ts';

/** A file an outbox message sends, read from the media folder; or why it cannot be. */
export type OutboundMedia =
  | { status: 'ok'; data: Buffer; mimeType: string; fileName: string }
  | { status: 'gone'; reason: string };

/**
 * Reads the MediaFile an outbox `media` payload names, and its bytes under `mediaDir`. A row
 * erased since the message was written, or a file no longer on disk, is `gone`: nothing later
 * would bring it back, so the caller skips the message rather than retry.
 */
export async function loadOutboundMedia(db: Database, mediaDir: string, mediaFileId: string): Promise<OutboundMedia> {
  const media = await db.mediaFile.findUnique({ where: { id: mediaFileId }, select: { path: true, mimeType: true } });
  if (!media) return { status: 'gone', reason: `media file ${mediaFileId} no longer exists (erased since)` };
  const root = path.resolve(mediaDir);
  const file = path.resolve(root, media.path);
  // The path comes from our own database, but nothing outside MEDIA_DIR is ever read for sending.
  if (!file.startsWith(root + path.sep)) return { status: 'gone', reason: `media file ${mediaFileId} is outside the media folder` };
  const data = await readFile(file).catch(() => null);
  if (!data) return { status: 'gone', reason: `media file ${mediaFileId} is missing from the media folder` };
  // Named by its id, not by what the sender called it: a file name may say more than the file.
  return { status: 'ok', data, mimeType: media.mimeType, fileName: `${mediaFileId}${path.extname(media.path)}` };
}
