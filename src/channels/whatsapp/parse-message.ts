import type { InboundEvent, MediaKind, Sender } from '../../domain/inbound-event.ts';
import { plausibleSentAt } from '../../domain/storable-text.ts';
import type { WebhookMedia, WebhookMessage } from './webhook-payload.ts';

/**
 * Message types that are not the person speaking to Compagnon, so no event is made of them:
 * a reaction (an emoji on a message) answered with "I cannot read that" would be noise, and a
 * system message (the person changed number) is WhatsApp speaking, not the person.
 */
const IGNORED_TYPES = new Set(['reaction', 'system']);

/** WhatsApp's media types in Compagnon's words; all audio counts as a voice note (voice: true or a forwarded file). */
const MEDIA_KINDS = { image: 'photo', audio: 'voice', video: 'video', document: 'document' } as const satisfies Record<
  string,
  MediaKind
>;

/**
 * One WhatsApp message as an inbound event, or undefined for the ignored types. A timestamp
 * outside 2000–2100 gives way to `receivedAt` (and is kept as `implausibleTimestamp`).
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages
 */
export function parseMessage(message: WebhookMessage, sender: Sender, receivedAt: Date): InboundEvent | undefined {
  if (IGNORED_TYPES.has(message.type)) return undefined;
  const dated = plausibleSentAt(message.timestamp);
  const base = {
    channel: 'whatsapp' as const,
    platformEventId: message.id,
    sender,
    sentAt: (dated ?? receivedAt).toISOString(),
    ...(!dated && { implausibleTimestamp: String(message.timestamp) }),
  };
  const inReplyTo = message.context?.id ? { inReplyTo: message.context.id } : {};
  const unsupported = (description: string): InboundEvent => ({ ...base, kind: 'unsupported', description });

  switch (message.type) {
    case 'text':
      return message.text ? { ...base, kind: 'text', text: message.text.body } : unsupported('text without a body');
    case 'interactive': {
      const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
      if (!reply) return unsupported(`interactive ${message.interactive?.type ?? 'reply'}`);
      return { ...base, kind: 'choice', choiceId: reply.id, ...(reply.title && { label: reply.title }), ...inReplyTo };
    }
    case 'button': {
      // A template's quick-reply button: the payload is the id we gave it, the text its label.
      const choiceId = message.button?.payload ?? message.button?.text;
      if (choiceId === undefined) return unsupported('button without a payload');
      return {
        ...base,
        kind: 'choice',
        choiceId,
        ...(message.button?.text && { label: message.button.text }),
        ...inReplyTo,
      };
    }
    case 'image':
    case 'audio':
    case 'video':
    case 'document': {
      const media = message[message.type];
      if (!media) return unsupported(`${message.type} without a media id`);
      return { ...base, kind: 'media', media: mediaReference(MEDIA_KINDS[message.type], media) };
    }
    case 'location':
      return message.location
        ? { ...base, kind: 'location', latitude: message.location.latitude, longitude: message.location.longitude }
        : unsupported('location without coordinates');
    case 'unsupported': {
      // WhatsApp's own "unsupported" (a poll, a view-once message…) names the reason in errors[0].
      const error = message.errors?.[0];
      return unsupported(error?.title ? `unsupported: ${error.title}` : 'unsupported');
    }
    default:
      // sticker, contacts, order, request_welcome, and whatever Meta adds later
      return unsupported(message.type);
  }
}

function mediaReference(kind: MediaKind, media: WebhookMedia) {
  return {
    kind,
    ref: media.id,
    ...(media.mime_type && { mimeType: media.mime_type }),
    ...(media.filename && { fileName: media.filename }),
    ...(media.caption && { caption: media.caption }),
  };
}
