import type { ChannelName, MediaReference } from '../domain/inbound-event.ts';
import type { OutboundPayload, Recipient } from '../domain/outbound-message.ts';

export interface SentMessage {
  platformMessageId: string;
}

export interface DownloadedMedia {
  data: Buffer;
  mimeType: string;
}

/** The bytes of a file Compagnon sends (a `media` payload), read by the delivery job from MEDIA_DIR. */
export interface OutboundFile {
  data: Buffer;
  mimeType: string;
  /** The name the recipient sees for a document. */
  fileName: string;
}

/**
 * What every channel adapter offers the rest of Compagnon. `send` throws one of the errors of
 * ./channel-errors.ts when the platform says no.
 */
export interface ChannelAdapter {
  readonly name: ChannelName;
  /** `file`: the bytes of a `media` payload; the other kinds carry none. */
  send: (recipient: Recipient, message: OutboundPayload, file?: OutboundFile) => Promise<SentMessage>;
  /** Fetches a media file a person sent; refuses files over `maxBytes` with MediaRejectedError. */
  downloadMedia: (media: MediaReference, maxBytes: number) => Promise<DownloadedMedia>;
  /** Shows the person their message was read (WhatsApp's blue ticks), where the platform has it. */
  markAsRead?: (platformEventId: string) => Promise<void>;
}
