import type { Recipient } from '../../domain/outbound-message.ts';

/**
 * A business-scoped user id: two-letter country code, a dot, then letters and digits
 * (US.13491208655302741918; a parent BSUID has ENT in between: US.ENT.11815799212886844830).
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids
 */
const BSUID = /^[A-Za-z]{2}\.[A-Za-z0-9.]+$/;

/**
 * Who a /messages request goes to: `to` with the phone number when one is known (Meta
 * recommends it, and `to` wins when both are given), else `recipient` with the business-scoped
 * user id of a person who shares no number.
 */
export function addressee(recipient: Recipient): { to: string } | { recipient: string } {
  if (recipient.phoneNumber) return { to: recipient.phoneNumber };
  if (BSUID.test(recipient.platformId)) return { recipient: recipient.platformId };
  // An identity keyed by wa_id (before BSUIDs appeared in webhooks): that is the phone number.
  return { to: recipient.platformId };
}
