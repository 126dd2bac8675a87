import type { ChannelName, MediaReference } from '../domain/inbound-event.ts';
import type { OutboundPayload, Recipient } from '../domain/outbound-message.ts';

export interface SentMessage {
  platformMessageId: string;
}

export interface DownloadedMedia {
  data: Buffer;
  mimeType: string;
}

/**
 * What every channel adapter offers the rest of Compagnon. `send` throws one of the errors of
 * ./channel-errors.ts when the platform says no.
 */
export interface ChannelAdapter {
  readonly name: ChannelName;
  send: (recipient: Recipient, message: OutboundPayload) => Promise<SentMessage>;
  /** Fetches a media file a person sent; refuses files over `maxBytes` with MediaRejectedError. */
  downloadMedia: (media: MediaReference, maxBytes: number) => Promise<DownloadedMedia>;
  /** Shows the person their message was read (WhatsApp's blue ticks), where the platform has it. */
  markAsRead?: (platformEventId: string) => Promise<void>;
}
