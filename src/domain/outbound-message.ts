import type { ChannelName, MediaKind } from './inbound-event.ts';

/**
 * What Compagnon says, in the same words whatever the platform. Adapters render each kind in
 * their platform's idiom (inline keyboards on Telegram, reply buttons or lists on WhatsApp,
 * numbered choices where nothing better exists).
 */

export interface Choice {
  /** Short and stable; comes back in the `choice` event. At most 48 characters. */
  id: string;
  label: string;
}

export type OutboundPayload =
  | { kind: 'text'; text: string }
  /** `menuLabel` names the button that opens a long list of choices (WhatsApp), in the person's language. */
  | { kind: 'choices'; text: string; choices: Choice[]; menuLabel?: string }
  /** Asks for a photo, a voice note, a video or a document. */
  | { kind: 'media-request'; text: string; media: MediaKind }
  /**
   * A file Compagnon holds (a MediaFile: a participant's photo relayed to their trainer, a
   * document a trainer attached to an answer), sent as the platform's photo, voice note, video
   * or document, with an optional caption. Delivery reads the file; the outbox keeps only its id.
   */
  | { kind: 'media'; media: MediaKind; mediaFileId: string; caption?: string }
  /**
   * An approved WhatsApp template, for when the 24-hour window is closed. `fallbackText` is what
   * the other channels send instead.
   */
  | { kind: 'template'; name: string; language: string; parameters: string[]; fallbackText: string };

/** Where a message goes: one channel identity of a person. */
export interface Recipient {
  channel: ChannelName;
  platformId: string;
  phoneNumber?: string | null;
}

/** The longest choice id; Telegram callback data is at most 64 bytes and we prefix it. */
export const CHOICE_ID_MAX_LENGTH = 48;

/**
 * The purpose of messages that carry a secret (a dashboard sign-in link): once the platform has
 * one, the outbox keeps only a note that it was sent.
 */
export const SECRET_PURPOSE = 'dashboard_link';
