import { z } from 'zod';
import type { MediaReference } from '../../domain/inbound-event.ts';
import type { DownloadedMedia } from '../channel-adapter.ts';
import { ChannelError, InvalidRequestError, MediaRejectedError, NetworkError } from '../channel-errors.ts';
import type { GraphClient } from './graph-client.ts';
import { readAtMost } from './read-at-most.ts';

/** GET /{media-id}: where the file is and how big; Meta sends file_size as a string. */
const mediaMetadata = z.looseObject({
  url: z.string().min(1),
  mime_type: z.string().optional(),
  file_size: z.coerce.number().int().nonnegative().optional(),
});

/**
 * Fetches a file a person sent. The media id is good for 7 days only, which is why the
 * pipeline calls this right after recording the event.
 * https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#download-media
 */
export async function downloadMedia(
  graph: GraphClient,
  media: MediaReference,
  maxBytes: number,
): Promise<DownloadedMedia> {
  if (media.sizeBytes !== undefined && media.sizeBytes > maxBytes) throw tooLarge(media.sizeBytes, maxBytes);
  const parsed = mediaMetadata.safeParse(await graph.call('GET', encodeURIComponent(media.ref)));
  if (!parsed.success) throw new InvalidRequestError(`WhatsApp gave no usable URL for media ${media.ref}`);
  const metadata = parsed.data;
  // Refused before a byte is downloaded when Meta tells the size; counted while reading otherwise.
  if (metadata.file_size !== undefined && metadata.file_size > maxBytes) throw tooLarge(metadata.file_size, maxBytes);
  const response = await graph.fetchFile(metadata.url);
  const data = await readAtMost(response, maxBytes, (size) => tooLarge(size, maxBytes)).catch((error: unknown) => {
    if (error instanceof ChannelError) throw error;
    throw new NetworkError(`WhatsApp media download broke off: ${(error as Error).message}`, { cause: error });
  });
  const mimeType =
    metadata.mime_type ?? media.mimeType ?? response.headers.get('content-type') ?? 'application/octet-stream';
  return { data, mimeType };
}

function tooLarge(size: number, maxBytes: number): MediaRejectedError {
  return new MediaRejectedError(
    `media file of ${size} bytes or more is over the limit of ${maxBytes} bytes`,
    'too-large',
  );
}
