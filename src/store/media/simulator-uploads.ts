import { createHash } from 'node:crypto';

/** Where the simulator keeps raw uploads, under the media folder, until the pipeline stores them. */
export const SIMULATOR_UPLOADS_DIR = 'simulator-uploads';

/**
 * The message id as a file name: the first 32 hex digits of its SHA-256, so that two different
 * ids (however long, whatever they contain) never share a name.
 */
function idHash(platformEventId: string): string {
  return createHash('sha256').update(platformEventId).digest('hex').slice(0, 32);
}

/**
 * The file name of a new upload: its message id's hash, then a dot and a random part, so that a
 * message sent again (same id) does not replace the first one's file.
 */
export function uploadName(platformEventId: string, random: string): string {
  return `${idHash(platformEventId)}.${random}`;
}

/** Whether a file in the uploads folder belongs to this message (erasure finds a person's uploads by it). */
export function isUploadOf(fileName: string, platformEventId: string): boolean {
  return fileName.startsWith(`${idHash(platformEventId)}.`);
}
