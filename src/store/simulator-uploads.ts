/** Where the simulator keeps raw uploads, under the media folder, until the pipeline stores them. */
export const SIMULATOR_UPLOADS_DIR = 'simulator-uploads';

/** The message id made safe for a file name: letters, digits, `_` and `-`, never a dot. */
function safeId(platformEventId: string): string {
  return platformEventId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100);
}

/**
 * The file name of a new upload: its message's id, then a dot and a random part, so that a
 * message sent again (same id) does not replace the first one's file.
 */
export function uploadName(platformEventId: string, random: string): string {
  return `${safeId(platformEventId)}.${random}`;
}

/** Whether a file in the uploads folder belongs to this message (erasure finds a person's uploads by it). */
export function isUploadOf(fileName: string, platformEventId: string): boolean {
  return fileName.startsWith(`${safeId(platformEventId)}.`);
}
