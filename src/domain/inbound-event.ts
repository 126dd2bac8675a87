/**
 * What people send, in the same words whatever the platform. Channel adapters turn platform
 * updates into these; the conversation only ever sees these.
 */

export const CHANNEL_NAMES = ['telegram', 'whatsapp', 'simulator'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export const MEDIA_KINDS = ['photo', 'voice', 'video', 'document'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** Who sent an event, as the platform identifies them. */
export interface Sender {
  channel: ChannelName;
  /** Telegram chat id; WhatsApp user id (wa_id, or business-scoped user id when no number is shared); simulator id. */
  platformId: string;
  /** WhatsApp only, when the platform shares it. Never used as the person's key. */
  phoneNumber?: string;
  username?: string;
  /** The name the platform shows, as a suggestion for the name to use. */
  displayName?: string;
  /** The language the person's app is set to (e.g. fr, en-US), when the platform says. */
  languageCode?: string;
}

export interface MediaReference {
  kind: MediaKind;
  /** The platform's id for the file, used to download it (WhatsApp media ids expire after 7 days). */
  ref: string;
  mimeType?: string;
  sizeBytes?: number;
  fileName?: string;
  caption?: string;
}

interface EventBase {
  channel: ChannelName;
  /** Unique per channel: Telegram update_id, WhatsApp message id, simulator message id. Used to drop redeliveries. */
  platformEventId: string;
  sender: Sender;
  /**
   * When the person sent it, by the platform's clock (ISO 8601, UTC); when the platform's
   * timestamp is not a date between 2000 and 2100, when it was received instead.
   */
  sentAt: string;
  /** The platform's timestamp, as given, when it was out of range and `sentAt` is the reception time. */
  implausibleTimestamp?: string;
}

export type InboundEvent =
  | (EventBase & { kind: 'text'; text: string })
  /** `/start CODE` on Telegram: command "start", argument "CODE". */
  | (EventBase & { kind: 'command'; command: string; argument: string })
  /** A choice picked from buttons or a list. */
  | (EventBase & {
      kind: 'choice';
      choiceId: string;
      /** The text on the button, when the platform gives it. */
      label?: string;
      /** The platform id of the message the choice belonged to. */
      inReplyTo?: string;
    })
  | (EventBase & { kind: 'media'; media: MediaReference })
  | (EventBase & { kind: 'location'; latitude: number; longitude: number })
  /** Something Compagnon cannot use (a sticker, a contact card…); the person gets a polite answer. */
  | (EventBase & { kind: 'unsupported'; description: string });

/** A platform's news about a message Compagnon sent (WhatsApp statuses). */
export interface DeliveryStatusUpdate {
  channel: ChannelName;
  platformMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  /** ISO 8601, UTC */
  at: string;
  error?: string;
}
