import type { DeliveryStatusUpdate } from '../../domain/inbound-event.ts';
import { plausibleSentAt } from '../../domain/storable-text.ts';
import type { WebhookStatus } from './webhook-payload.ts';

const KNOWN = ['sent', 'delivered', 'read', 'failed'] as const;
type KnownStatus = (typeof KNOWN)[number];
const isKnown = (status: string): status is KnownStatus => (KNOWN as readonly string[]).includes(status);

/**
 * A status of a message Compagnon sent, or undefined for those it does not track (`played`
 * for voice notes, and any Meta adds later). A timestamp outside 2000–2100 gives way to `receivedAt`.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status
 */
export function parseStatus(status: WebhookStatus, receivedAt: Date): DeliveryStatusUpdate | undefined {
  if (!isKnown(status.status)) return undefined;
  const error = status.errors?.[0];
  return {
    channel: 'whatsapp',
    platformMessageId: status.id,
    status: status.status,
    at: (plausibleSentAt(status.timestamp) ?? receivedAt).toISOString(),
    ...(status.status === 'failed' &&
      error && { error: [error.code, error.title].filter((part) => part !== undefined).join(' ') }),
  };
}
