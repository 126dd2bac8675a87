import { z } from 'zod';

const sentRecord = z.object({ platformMessageId: z.string(), at: z.iso.datetime() });

/** What a delivery job carries. */
export const deliveryPayload = z
  .object({
    /** One message (replies, retries, the sweep's repairs). */
    messageId: z.string().min(1).optional(),
    /** Several (a broadcast, a release): see `deliverBatch`. */
    messageIds: z.array(z.string().min(1)).max(10_000).optional(),
    /** Sends the platform took whose record failed (PostgreSQL down): recorded, never sent again. */
    sent: z.record(z.string(), sentRecord).optional(),
    /** How many times the job came back to finish (see keepSends). */
    tries: z.number().int().min(0).optional(),
  })
  .refine(
    (payload) => (payload.messageId === undefined) !== (payload.messageIds === undefined),
    'either messageId or messageIds',
  );
export type DeliveryPayload = z.infer<typeof deliveryPayload>;

/** A send the platform took: its message id there, and when. */
export interface SentAs {
  platformMessageId: string;
  at: Date;
}

/** Sends as a job's data keeps them. */
export function serialized(sends: Record<string, SentAs>): Record<string, { platformMessageId: string; at: string }> {
  return Object.fromEntries(
    Object.entries(sends).map(([id, s]) => [id, { platformMessageId: s.platformMessageId, at: s.at.toISOString() }]),
  );
}
