import type { Sender } from '../../domain/inbound-event.ts';
import type { WebhookContact, WebhookMessage } from './webhook-payload.ts';

/**
 * Who sent a message. The key is the business-scoped user id (BSUID) when the webhook has one:
 * it is there for everyone since April 2026, while the phone number (`from`, `contacts[].wa_id`)
 * is left out for people who adopted a username, so a phone number cannot be the key.
 * Webhooks from before BSUIDs carry only the number; it is the key then.
 * Field names (messages[].from_user_id, contacts[].user_id, contacts[].profile.username):
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids
 */
export function senderOf(message: WebhookMessage, contacts: WebhookContact[]): Sender {
  const contact = contactOf(message, contacts);
  const bsuid = message.from_user_id ?? contact?.user_id;
  const phoneNumber = message.from ?? contact?.wa_id;
  const displayName = contact?.profile?.name?.trim();
  const username = contact?.profile?.username?.trim();
  return {
    channel: 'whatsapp',
    // The payload schema ensures a message has from or from_user_id.
    platformId: (bsuid ?? phoneNumber)!,
    ...(phoneNumber && { phoneNumber }),
    ...(displayName && { displayName }),
    ...(username && { username }),
  };
}

/** The contact entry of the message's sender; Meta sends one per sender, next to the messages. */
function contactOf(message: WebhookMessage, contacts: WebhookContact[]): WebhookContact | undefined {
  const matching = contacts.find(
    (c) =>
      (message.from_user_id !== undefined && c.user_id === message.from_user_id) ||
      (message.from !== undefined && c.wa_id === message.from),
  );
  if (matching) return matching;
  // A lone entry with no identifier to compare is the sender's; one that names someone else is not.
  const [only] = contacts;
  return contacts.length === 1 && only && only.user_id === undefined && only.wa_id === undefined ? only : undefined;
}
