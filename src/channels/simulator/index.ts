import { randomUUID } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../logger.ts';
import type { ChannelAdapter } from '../channel-adapter.ts';
import { MediaRejectedError } from '../channel-errors.ts';
import { SIMULATOR_UPLOADS_DIR } from '../../store/media/simulator-uploads.ts';

interface SimulatorConfig {
  /** Uploaded files wait in `<mediaDir>/simulator-uploads` until the pipeline stores them. */
  mediaDir: string;
}

/**
 * The simulator: a real channel with no platform behind it, for the local demo and end-to-end
 * tests. People write through its web page or JSON API; what Compagnon sends them is the outbox
 * itself, which the page reads back. Sending therefore only names the message.
 */
export function createSimulatorChannel({ config }: { config: SimulatorConfig; logger: Logger }) {
  const uploadsDir = path.join(config.mediaDir, SIMULATOR_UPLOADS_DIR);
  const adapter: ChannelAdapter = {
    name: 'simulator',
    send: () => Promise.resolve({ platformMessageId: `sim-${randomUUID()}` }),
    downloadMedia: async (media, maxBytes) => {
      // The simulator's API keeps no file over the limit: it only says how large it was.
      if (media.sizeBytes !== undefined && media.sizeBytes > maxBytes) {
        throw new MediaRejectedError(`${media.sizeBytes} bytes is larger than ${maxBytes}`, 'too-large');
      }
      const file = path.join(uploadsDir, path.basename(media.ref));
      const info = await stat(file).catch(() => null);
      if (!info) throw new MediaRejectedError(`no uploaded file ${media.ref}`);
      if (info.size > maxBytes) {
        await rm(file, { force: true });
        throw new MediaRejectedError(`${info.size} bytes is larger than ${maxBytes}`, 'too-large');
      }
      return { data: await readFile(file), mimeType: media.mimeType ?? 'application/octet-stream' };
    },
  };
  return { adapter, uploadsDir };
}
