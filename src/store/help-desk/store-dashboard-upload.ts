import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MediaKind } from '../../domain/inbound-event.ts';
import type { Database } from '../database.ts';
import { sha256 } from '../stable-json.ts';

/** Files the team may attach to an answer, with the kind the channels send them as and their extension. */
const ACCEPTED: Record<string, { kind: MediaKind; extension: string }> = {
  'image/jpeg': { kind: 'photo', extension: 'jpg' },
  'image/png': { kind: 'photo', extension: 'png' },
  'image/webp': { kind: 'photo', extension: 'webp' },
  'audio/ogg': { kind: 'voice', extension: 'ogg' },
  'audio/mpeg': { kind: 'voice', extension: 'mp3' },
  'audio/mp4': { kind: 'voice', extension: 'm4a' },
  'audio/aac': { kind: 'voice', extension: 'aac' },
  'video/mp4': { kind: 'video', extension: 'mp4' },
  'video/3gpp': { kind: 'video', extension: '3gp' },
  'application/pdf': { kind: 'document', extension: 'pdf' },
  'text/plain': { kind: 'document', extension: 'txt' },
  'application/msword': { kind: 'document', extension: 'doc' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { kind: 'document', extension: 'docx' },
  'application/vnd.oasis.opendocument.text': { kind: 'document', extension: 'odt' },
};

/** How files of a type begin: a file that claims a type it does not have is refused. */
const SIGNATURES: Record<string, (data: Buffer) => boolean> = {
  'image/jpeg': (d) => d.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])),
  'image/png': (d) => d.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (d) =>
    d.subarray(0, 4).toString('latin1') === 'RIFF' && d.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (d) => d.subarray(0, 5).toString('latin1') === '%PDF-',
  'audio/ogg': (d) => d.subarray(0, 4).toString('latin1') === 'OggS',
};

/** Why an upload was refused. */
export class UploadRefusedError extends Error {
  override name = 'UploadRefusedError';
  constructor(readonly reason: 'type' | 'empty') {
    super(reason === 'type' ? 'this type of file cannot be sent' : 'the file is empty');
  }
}

/**
 * Keeps a file attached on the dashboard under `mediaDir` (named by its content hash, like the
 * files people send) and records it as a MediaFile of the person who uploaded it, with no channel
 * and the platform id `dashboard:<uuid>`. The caller has limited its size.
 */
export async function storeDashboardUpload(
  db: Database,
  upload: { personId: string; data: Buffer; mimeType: string; mediaDir: string },
): Promise<{ id: string; kind: MediaKind }> {
  const mimeType = upload.mimeType.split(';')[0]!.trim().toLowerCase();
  const accepted = ACCEPTED[mimeType];
  if (upload.data.length === 0) throw new UploadRefusedError('empty');
  if (!accepted || !(SIGNATURES[mimeType]?.(upload.data) ?? true)) throw new UploadRefusedError('type');
  const hash = sha256(upload.data);
  const relative = path.join(accepted.kind, hash.slice(0, 2), `${hash}.${accepted.extension}`);
  const absolute = path.join(upload.mediaDir, relative);
  await mkdir(path.dirname(absolute), { recursive: true });
  // Write then rename: a crash never leaves a half-written file under its final name.
  const partial = `${absolute}.${process.pid}.${randomUUID()}.partial`;
  await writeFile(partial, upload.data);
  await rename(partial, absolute);
  const row = await db.mediaFile.create({
    data: {
      personId: upload.personId,
      channel: null,
      platformFileId: `dashboard:${randomUUID()}`,
      path: relative,
      mimeType,
      sizeBytes: upload.data.length,
      sha256: hash,
    },
    select: { id: true },
  });
  return { id: row.id, kind: accepted.kind };
}
