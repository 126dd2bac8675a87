/** Where the simulator keeps raw uploads, under the media folder, until the pipeline stores them. */
export const SIMULATOR_UPLOADS_DIR = 'simulator-uploads';

/** The file name of an upload: its message's id, made safe for a path. Erasure finds a person's uploads by it. */
export function uploadName(platformEventId: string): string {
  return platformEventId.replace(/[^A-Za-z0-9_-]/g, '_');
}
