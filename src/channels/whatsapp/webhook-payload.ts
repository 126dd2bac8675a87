import { z } from 'zod';

/**
 * The shape of a WhatsApp webhook POST that Compagnon relies on. Objects are loose: Meta adds
 * fields often, and what we do not read passes through untouched.
 * https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages
 */

/** Meta sends Unix seconds as a string of digits. */
const seconds = z.union([z.string().regex(/^\d+$/), z.int().nonnegative()]).transform(Number);
const decimal = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

/**
 * Since April 2026 every message carries the business-scoped user id (BSUID) in `user_id`;
 * `wa_id`, the phone number, is omitted for people who adopted a username.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids
 */
export const contactSchema = z.looseObject({
  wa_id: z.string().min(1).optional(),
  user_id: z.string().min(1).optional(),
  parent_user_id: z.string().min(1).optional(),
  profile: z.looseObject({ name: z.string().optional(), username: z.string().optional() }).optional(),
});

const media = z.looseObject({
  id: z.string().min(1),
  mime_type: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  /** audio only: true for a voice note recorded in the app. */
  voice: z.boolean().optional(),
});

const reply = z.looseObject({ id: z.string(), title: z.string().optional() });
const messageError = z.looseObject({ code: z.number().optional(), title: z.string().optional() });

export const messageSchema = z
  .looseObject({
    id: z.string().min(1),
    timestamp: seconds,
    type: z.string(),
    /** The sender's phone number; absent for a person who adopted a username. */
    from: z.string().min(1).optional(),
    /** The sender's BSUID. */
    from_user_id: z.string().min(1).optional(),
    /** The message this one answers (the one carrying the buttons, for a choice). */
    context: z.looseObject({ id: z.string().optional() }).optional(),
    text: z.looseObject({ body: z.string() }).optional(),
    interactive: z
      .looseObject({ type: z.string(), button_reply: reply.optional(), list_reply: reply.optional() })
      .optional(),
    /** A quick-reply button of a template. */
    button: z.looseObject({ payload: z.string().optional(), text: z.string().optional() }).optional(),
    image: media.optional(),
    audio: media.optional(),
    video: media.optional(),
    document: media.optional(),
    location: z.looseObject({ latitude: decimal, longitude: decimal }).optional(),
    errors: z.array(messageError).optional(),
  })
  .refine((m) => m.from !== undefined || m.from_user_id !== undefined, {
    message: 'a message needs from or from_user_id',
  });

export const statusSchema = z.looseObject({
  /** The wamid of the message Compagnon sent. */
  id: z.string().min(1),
  status: z.string(),
  timestamp: seconds,
  errors: z.array(messageError).optional(),
});

/**
 * Contacts, messages and statuses are read one by one (see parse-webhook.ts): one Meta cannot
 * describe must not keep the others of the same POST from being recorded.
 */
const messagesValue = z.looseObject({
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
});

/** Only the `messages` field is read; others (account updates, templates, calls) are acknowledged. */
const change = z.union([
  z
    .looseObject({ field: z.literal('messages'), value: messagesValue })
    .transform(({ value }) => ({ kind: 'messages' as const, value })),
  z
    .looseObject({ field: z.string().refine((field) => field !== 'messages'), value: z.unknown() })
    .transform(({ field }) => ({ kind: 'other' as const, field })),
]);

export const webhookPayloadSchema = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(z.looseObject({ id: z.string().optional(), changes: z.array(change) })),
});

export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;
export type WebhookContact = z.infer<typeof contactSchema>;
export type WebhookMessage = z.infer<typeof messageSchema>;
export type WebhookStatus = z.infer<typeof statusSchema>;
export type WebhookMedia = z.infer<typeof media>;
