import type { z } from 'zod';
import type { DeliveryStatusUpdate, InboundEvent } from '../../domain/inbound-event.ts';
import { storableValue } from '../../domain/storable-text.ts';
import { digestId, jsonOrReason, type MalformedInbound } from '../inbound-sink.ts';
import { parseMessage } from './parse-message.ts';
import { parseStatus } from './parse-status.ts';
import { senderOf } from './sender-of.ts';
import {
  contactSchema,
  messageSchema,
  statusSchema,
  type WebhookContact,
  type WebhookPayload,
} from './webhook-payload.ts';

interface ParsedWebhook {
  events: InboundEvent[];
  statuses: DeliveryStatusUpdate[];
  /** Messages and statuses deliberately left out (reactions, system messages, `played`…). */
  ignored: number;
  /** Messages and statuses of a shape Compagnon cannot read (no type, a bad timestamp…), to set aside. */
  malformed: MalformedInbound[];
}

/**
 * Every message and status of every change of every entry, in the order Meta sent them: one
 * POST may carry several, and whatsapp-api-js's own `post()` reads only the first. Each is read
 * on its own: one of an unexpected shape is kept apart in `malformed`, its neighbours are read
 * all the same (a contact of an unexpected shape is left out). Every string is made storable;
 * `receivedAt` dates what carries a timestamp outside 2000–2100.
 */
export function parseWebhook(payload: WebhookPayload, receivedAt: Date): ParsedWebhook {
  const parsed: ParsedWebhook = { events: [], statuses: [], ignored: 0, malformed: [] };
  for (const entry of payload.entry) {
    for (const change of entry.changes) {
      if (change.kind !== 'messages') continue;
      const { contacts = [], messages = [], statuses = [] } = change.value;
      const readContacts = contacts.flatMap((contact) => {
        const read = contactSchema.safeParse(contact);
        return read.success ? [read.data] : [];
      });
      for (const item of messages) {
        const message = messageSchema.safeParse(item);
        if (!message.success) {
          parsed.malformed.push(malformedItem('message', item, message.error, senderIdOf(item, readContacts)));
          continue;
        }
        const event = parseMessage(message.data, senderOf(message.data, readContacts), receivedAt);
        if (event) parsed.events.push(storableValue(event));
        else parsed.ignored += 1;
      }
      for (const item of statuses) {
        const status = statusSchema.safeParse(item);
        if (!status.success) {
          parsed.malformed.push(malformedItem('status', item, status.error, recipientIdOf(item)));
          continue;
        }
        const update = parseStatus(status.data, receivedAt);
        if (update) parsed.statuses.push(storableValue(update));
        else parsed.ignored += 1;
      }
    }
  }
  return parsed;
}

/** A whole request body that is not JSON, or not a WhatsApp notification, to set aside. */
export function malformedBody(body: string, error: string): MalformedInbound {
  return { channel: 'whatsapp', platformEventId: digestId(body), error, payload: body };
}

function malformedItem(
  what: 'message' | 'status',
  item: unknown,
  error: z.ZodError,
  senderId: string | undefined,
): MalformedInbound {
  const payload = jsonOrReason(item);
  const id = what === 'message' ? field(item, 'id') : undefined;
  // Paths only: the values are people's messages.
  const issues = error.issues.map((issue) => `${issue.path.join('.') || what}: ${issue.message}`).join('; ');
  return {
    channel: 'whatsapp',
    platformEventId: id ?? digestId(payload),
    ...(senderId !== undefined && { senderId }),
    error: `unexpected ${what} shape: ${issues}`,
    payload,
  };
}

/** The sender's key as senderOf gives it (BSUID first, then the number), as far as a malformed message tells it. */
function senderIdOf(item: unknown, contacts: WebhookContact[]): string | undefined {
  const from = field(item, 'from');
  return (
    field(item, 'from_user_id') ??
    (from === undefined ? undefined : contacts.find((c) => c.wa_id === from)?.user_id) ??
    from
  );
}

/** A status is about the person it was sent to. */
function recipientIdOf(item: unknown): string | undefined {
  return field(item, 'recipient_user_id') ?? field(item, 'recipient_id');
}

function field(item: unknown, name: string): string | undefined {
  const value = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
