import type { DeliveryStatusUpdate, InboundEvent } from '../../domain/inbound-event.ts';
import { storableValue } from '../../domain/storable-text.ts';
import { parseMessage } from './parse-message.ts';
import { parseStatus } from './parse-status.ts';
import { senderOf } from './sender-of.ts';
import type { WebhookPayload } from './webhook-payload.ts';

export interface ParsedWebhook {
  events: InboundEvent[];
  statuses: DeliveryStatusUpdate[];
  /** Messages and statuses deliberately left out (reactions, system messages, `played`…). */
  ignored: number;
}

/**
 * Every message and status of every change of every entry, in the order Meta sent them: one
 * POST may carry several, and whatsapp-api-js's own `post()` reads only the first. Every string
 * is made storable; `receivedAt` dates what carries a timestamp outside 2000–2100.
 */
export function parseWebhook(payload: WebhookPayload, receivedAt: Date): ParsedWebhook {
  const parsed: ParsedWebhook = { events: [], statuses: [], ignored: 0 };
  for (const entry of payload.entry) {
    for (const change of entry.changes) {
      if (change.kind !== 'messages') continue;
      const { contacts = [], messages = [], statuses = [] } = change.value;
      for (const message of messages) {
        const event = parseMessage(message, senderOf(message, contacts), receivedAt);
        if (event) parsed.events.push(storableValue(event));
        else parsed.ignored += 1;
      }
      for (const status of statuses) {
        const update = parseStatus(status, receivedAt);
        if (update) parsed.statuses.push(storableValue(update));
        else parsed.ignored += 1;
      }
    }
  }
  return parsed;
}
