import type { InboundEvent, MediaKind, MediaReference } from '../../domain/inbound-event.ts';
import type { TelegramMessage } from './update-schema.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An inbound event without the fields every event shares. */
export type EventContent = DistributiveOmit<InboundEvent, 'channel' | 'platformEventId' | 'sender' | 'sentAt'>;

/** Things that happen in a chat rather than things a person says; nobody expects an answer to them. */
const SERVICE_FIELDS = [
  'pinned_message',
  'message_auto_delete_timer_changed',
  'write_access_allowed',
  'new_chat_members',
  'left_chat_member',
  'new_chat_title',
  'new_chat_photo',
  'delete_chat_photo',
  'group_chat_created',
  'supergroup_chat_created',
  'migrate_to_chat_id',
  'migrate_from_chat_id',
] as const;

/** Content people can send that Compagnon cannot use; named in the event so the reply can say so. */
const UNSUPPORTED_FIELDS = [
  'sticker',
  'animation',
  'contact',
  'poll',
  'dice',
  'game',
  'story',
  'invoice',
  'paid_media',
  'checklist',
] as const;

/**
 * What a message says, as an event's content, or undefined for service messages.
 * Telegram re-encodes photos as JPEG, hence the fixed type. Audio files count as voice notes:
 * someone asked for a voice note may well send a recording made with another app.
 */
export function messageContent(message: TelegramMessage): EventContent | undefined {
  if (message.text !== undefined) return textContent(message.text, message.entities);
  // An animation also carries a `document` (the GIF or MP4 file); it is a reaction, not an answer.
  if (message.animation) return { kind: 'unsupported', description: 'animation' };
  const caption = message.caption;
  const largest = largestPhoto(message.photo ?? []);
  if (largest) return media('photo', largest, caption, 'image/jpeg');
  if (message.voice) return media('voice', message.voice, caption, 'audio/ogg');
  if (message.audio) return media('voice', message.audio, caption);
  if (message.video) return media('video', message.video, caption);
  if (message.video_note) return media('video', message.video_note, caption, 'video/mp4');
  if (message.document) return media('document', message.document, caption);
  // A venue carries its location too, which is what Compagnon can use.
  if (message.location) {
    return { kind: 'location', latitude: message.location.latitude, longitude: message.location.longitude };
  }
  if (SERVICE_FIELDS.some((field) => field in message)) return undefined;
  return { kind: 'unsupported', description: UNSUPPORTED_FIELDS.find((field) => field in message) ?? 'message' };
}

/** A bot command must start the text (https://core.telegram.org/bots/features#commands). */
function textContent(text: string, entities: TelegramMessage['entities']): EventContent {
  const command = entities?.find((entity) => entity.type === 'bot_command' && entity.offset === 0);
  if (!command) return { kind: 'text', text };
  // Entity lengths count UTF-16 code units, as JavaScript strings do. `/help@CompagnonBot` names the bot in groups.
  const name = text.slice(1, command.length).split('@')[0] ?? '';
  return { kind: 'command', command: name.toLowerCase(), argument: text.slice(command.length).trim() };
}

/** Telegram sends each photo in several sizes; the largest is the one worth keeping. */
function largestPhoto(sizes: NonNullable<TelegramMessage['photo']>): (typeof sizes)[number] | undefined {
  return sizes.reduce<(typeof sizes)[number] | undefined>(
    (best, size) => (best === undefined || size.width * size.height > best.width * best.height ? size : best),
    undefined,
  );
}

interface TelegramFile {
  file_id: string;
  file_size?: number | undefined;
  mime_type?: unknown;
  file_name?: unknown;
}

function media(
  kind: MediaKind,
  file: TelegramFile,
  caption: string | undefined,
  defaultMimeType?: string,
): EventContent {
  const reference: MediaReference = { kind, ref: file.file_id };
  const mimeType = typeof file.mime_type === 'string' ? file.mime_type : defaultMimeType;
  if (mimeType !== undefined) reference.mimeType = mimeType;
  if (file.file_size !== undefined) reference.sizeBytes = file.file_size;
  if (typeof file.file_name === 'string') reference.fileName = file.file_name;
  if (caption !== undefined) reference.caption = caption;
  return { kind: 'media', media: reference };
}
