import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { OutboundFile } from '../channel-adapter.ts';
import { InvalidRequestError } from '../channel-errors.ts';
import { splitText } from './split-text.ts';

/**
 * Telegram's limits on files a bot sends (https://core.telegram.org/bots/api#sending-files):
 * photos up to 10 MB, anything else up to 50 MB; a caption up to 1024 characters.
 */
const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
const FILE_MAX_BYTES = 50 * 1024 * 1024;
export const TELEGRAM_CAPTION_MAX_LENGTH = 1024;

/** Types each method shows as what it is; anything else goes as a document, which takes every type. */
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
/** sendVoice: "OGG encoded with OPUS, or MP3, or M4A" (https://core.telegram.org/bots/api#sendvoice). */
const VOICE_TYPES = new Set(['audio/ogg', 'audio/opus', 'audio/mpeg', 'audio/mp4', 'audio/x-m4a']);
/** sendVideo: "Telegram clients support MPEG4 videos (other formats may be sent as Document)". */
const VIDEO_TYPES = new Set(['video/mp4']);

export type TelegramMediaMethod = 'sendPhoto' | 'sendVoice' | 'sendVideo' | 'sendDocument';

/** One file upload, and the texts that follow it (a caption too long to go with the file). */
export interface TelegramMediaDraft {
  method: TelegramMediaMethod;
  caption?: string;
  followUp: string[];
}

/**
 * How a file goes on Telegram: as the platform's photo, voice note or video when Telegram shows
 * that type as such, else as a document; the caption with it when it fits, else after it.
 * Throws InvalidRequestError, before anything is sent, for a file larger than Telegram takes.
 */
export function renderMedia(
  payload: Extract<OutboundPayload, { kind: 'media' }>,
  file: OutboundFile,
): TelegramMediaDraft {
  if (file.data.length > FILE_MAX_BYTES) {
    throw new InvalidRequestError(`a file of ${file.data.length} bytes is over Telegram's ${FILE_MAX_BYTES} for bots`);
  }
  const caption = payload.caption?.trim() ?? '';
  const fits = caption.length <= TELEGRAM_CAPTION_MAX_LENGTH;
  return {
    method: methodFor(payload.media, baseType(file.mimeType), file.data.length),
    ...(caption && fits && { caption }),
    followUp: caption && !fits ? splitText(caption) : [],
  };
}

function methodFor(
  kind: Extract<OutboundPayload, { kind: 'media' }>['media'],
  mimeType: string,
  bytes: number,
): TelegramMediaMethod {
  if (kind === 'photo' && PHOTO_TYPES.has(mimeType) && bytes <= PHOTO_MAX_BYTES) return 'sendPhoto';
  if (kind === 'voice' && VOICE_TYPES.has(mimeType)) return 'sendVoice';
  if (kind === 'video' && VIDEO_TYPES.has(mimeType)) return 'sendVideo';
  return 'sendDocument';
}

/** `audio/ogg; codecs=opus` → `audio/ogg`. */
export function baseType(mimeType: string): string {
  return (mimeType.split(';')[0] ?? '').trim().toLowerCase();
}
