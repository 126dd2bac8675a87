/**
 * Webhook bodies shaped like Meta's reference examples
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples), with the
 * business-scoped user id fields added in 2026
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids).
 */

export const WABA_ID = '102290129340398';
export const PHONE_NUMBER_ID = '106540352242922';
const METADATA = { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID };

/** A participant in Abidjan who shares her number (both ids present, as since April 2026). */
export const AICHA = { wa_id: '2250701020304', user_id: 'CI.1410018717833190', name: 'Aïcha Koné' };
/** A participant who adopted a username: no phone number anywhere in the payload. */
export const RIVO = { user_id: 'MG.13491208655302741918', username: 'rivo.mg', name: 'Rivo' };

export interface Person {
  wa_id?: string;
  user_id?: string;
  username?: string;
  name: string;
}

export function contactOf(person: Person) {
  return {
    profile: { name: person.name, ...(person.username && { username: person.username }) },
    ...(person.wa_id && { wa_id: person.wa_id }),
    ...(person.user_id && { user_id: person.user_id }),
  };
}

/** The common part of a message from `person`; add `type` and its object. */
export function messageFrom(person: Person, id: string, timestamp = '1767261600') {
  return {
    ...(person.wa_id && { from: person.wa_id }),
    ...(person.user_id && { from_user_id: person.user_id }),
    id,
    timestamp,
  };
}

export function textFrom(person: Person, id: string, body: string, timestamp?: string) {
  return { ...messageFrom(person, id, timestamp), type: 'text', text: { body } };
}

/** One `messages` change: the contacts of the senders, their messages and/or statuses. */
export function messagesChange(value: { contacts?: unknown[]; messages?: unknown[]; statuses?: unknown[] }) {
  return { value: { messaging_product: 'whatsapp', metadata: METADATA, ...value }, field: 'messages' };
}

export function webhookBody(...changes: unknown[]) {
  return { object: 'whatsapp_business_account', entry: [{ id: WABA_ID, changes }] };
}

/** Meta's usual case: one sender, one or more of their messages. */
export function messagesFrom(person: Person, ...messages: unknown[]) {
  return webhookBody(messagesChange({ contacts: [contactOf(person)], messages }));
}

export function status(
  id: string,
  value: 'sent' | 'delivered' | 'read' | 'failed' | 'played',
  recipient: Person,
  timestamp = '1767261700',
) {
  return {
    id,
    status: value,
    timestamp,
    ...(recipient.wa_id && { recipient_id: recipient.wa_id }),
    ...(recipient.user_id && { recipient_user_id: recipient.user_id }),
    ...(value !== 'failed' && {
      pricing: { billable: false, pricing_model: 'PMP', category: 'service', type: 'free_customer_service' },
    }),
  };
}
