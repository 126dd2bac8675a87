import { z } from 'zod';
import { Audio, Document, Image, Video } from 'whatsapp-api-js/messages';
import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { OutboundFile } from '../channel-adapter.ts';
import { InvalidRequestError } from '../channel-errors.ts';
import type { GraphClient } from './graph-client.ts';
import { text, type RenderedMessage } from './render.ts';

type MediaPayload = Extract<OutboundPayload, { kind: 'media' }>;

/**
 * What the Cloud API takes, by type and size
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#supported-media-types).
 * A file that cannot go as what it is (a GIF or WebP photo, a WebM voice note, a photo over
 * 5 MB) goes as a document, which shows every type WhatsApp stores; a type it stores under no
 * heading is refused before anything is uploaded.
 */
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png']);
const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
const AUDIO_TYPES = new Set(['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg']);
const VIDEO_TYPES = new Set(['video/mp4', 'video/3gpp']);
const AUDIO_VIDEO_MAX_BYTES = 16 * 1024 * 1024;
const DOCUMENT_TYPES = new Set([
  'text/plain',
  'application/pdf',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
]);
const DOCUMENT_MAX_BYTES = 100 * 1024 * 1024;
/** Every type the media endpoint stores (WebP as a sticker), which a document message may then carry. */
const UPLOADABLE_TYPES = new Set([...IMAGE_TYPES, ...AUDIO_TYPES, ...VIDEO_TYPES, ...DOCUMENT_TYPES, 'image/webp']);
/** Captions of images, videos and documents; audio has none. */
export const WHATSAPP_CAPTION_MAX_CHARS = 1024;

type WhatsappMediaType = 'image' | 'audio' | 'video' | 'document';

/** `audio/ogg; codecs=opus` → `audio/ogg`. */
function baseType(mimeType: string): string {
  return (mimeType.split(';')[0] ?? '').trim().toLowerCase();
}

/** The message type a file goes as; throws InvalidRequestError for a file WhatsApp takes in no form. */
export function whatsappMediaType(kind: MediaPayload['media'], file: OutboundFile): WhatsappMediaType {
  const type = baseType(file.mimeType);
  const bytes = file.data.length;
  if (kind === 'photo' && IMAGE_TYPES.has(type) && bytes <= IMAGE_MAX_BYTES) return 'image';
  if (kind === 'voice' && AUDIO_TYPES.has(type) && bytes <= AUDIO_VIDEO_MAX_BYTES) return 'audio';
  if (kind === 'video' && VIDEO_TYPES.has(type) && bytes <= AUDIO_VIDEO_MAX_BYTES) return 'video';
  if (!UPLOADABLE_TYPES.has(type))
    throw new InvalidRequestError(`WhatsApp takes no file of type ${type || 'unknown'}, not even as a document`);
  if (bytes > DOCUMENT_MAX_BYTES)
    throw new InvalidRequestError(`a file of ${bytes} bytes is over WhatsApp's ${DOCUMENT_MAX_BYTES} for documents`);
  return 'document';
}

/**
 * Uploads the file to the number's media endpoint (multipart: messaging_product, type, file) and
 * returns the media id a message then refers to.
 * https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#upload-media
 */
export async function uploadMedia(graph: GraphClient, phoneNumberId: string, file: OutboundFile): Promise<string> {
  const type = baseType(file.mimeType);
  const form = new FormData();
  form.set('messaging_product', 'whatsapp');
  form.set('type', type);
  form.set('file', new Blob([new Uint8Array(file.data)], { type }), file.fileName);
  const answer = await graph.upload(`${encodeURIComponent(phoneNumberId)}/media`, form);
  const parsed = uploadAnswer.safeParse(answer);
  // Nothing was sent to the person yet, but a retry would only upload the same file again.
  if (!parsed.success) throw new InvalidRequestError('WhatsApp stored the file but answered without a media id');
  return parsed.data.id;
}

const uploadAnswer = z.looseObject({ id: z.string().min(1) });

/**
 * The messages that carry an uploaded file: the file, with its caption when the type takes one
 * that long, else the caption as a text message after it.
 */
export function renderMedia(
  payload: MediaPayload,
  type: WhatsappMediaType,
  mediaId: string,
  file: Pick<OutboundFile, 'fileName' | 'mimeType'>,
): RenderedMessage[] {
  // A voice note recorded as such (OGG/Opus) is shown as one; other audio as a sound file.
  const voice = payload.media === 'voice' && baseType(file.mimeType) === 'audio/ogg';
  const caption = payload.caption?.trim() ?? '';
  const withFile = caption.length > 0 && caption.length <= WHATSAPP_CAPTION_MAX_CHARS && type !== 'audio';
  const shown = withFile ? caption : undefined;
  const message: RenderedMessage =
    type === 'image'
      ? { type, image: new Image(mediaId, true, shown) }
      : type === 'audio'
        ? { type, audio: new Audio(mediaId, true, voice || undefined) }
        : type === 'video'
          ? { type, video: new Video(mediaId, true, shown) }
          : { type, document: new Document(mediaId, true, shown, file.fileName) };
  return caption.length > 0 && !withFile ? [message, text(caption)] : [message];
}
