import { createHash } from 'node:crypto';
import type { DeliveryStatusUpdate, InboundEvent } from '../domain/inbound-event.ts';
import type { MalformedInbound } from '../domain/malformed-inbound.ts';

export type { MalformedInbound };

export interface RecordResult {
  /** Events seen for the first time, now durably stored. */
  recorded: number;
  /** Redeliveries of events already stored; nothing more is done with them. */
  duplicates: number;
  /** Events PostgreSQL refused for what they hold, set aside for staff; answered as received all the same. */
  rejected: number;
}

/**
 * Where channel adapters hand what platforms send. A webhook answers 200 only after `record`
 * resolves (each event is committed, or set aside when PostgreSQL refuses what it holds); when it
 * throws, PostgreSQL failed for another reason (unreachable, a timeout, read-only…) and the webhook
 * answers 503 so that the platform delivers again.
 */
export interface InboundSink {
  record: (events: InboundEvent[]) => Promise<RecordResult>;
  recordStatuses: (updates: DeliveryStatusUpdate[]) => Promise<void>;
  /**
   * Keeps what an authenticated request carried that could not be read (a message without a
   * type, a status with a bad timestamp, a body that is not JSON) in RejectedInboundEvent, so
   * that it is answered 200 and never delivered again; throws as `record` does.
   */
  setAside: (items: MalformedInbound[]) => Promise<void>;
}

/** An id for what carries none of its own: the same body delivered again finds the same row set aside. */
export function digestId(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** The JSON of something that could not be read, or why there is none (nested too deeply to be written out, say). */
export function jsonOrReason(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch (error) {
    return `(not kept: ${error instanceof Error ? error.message : String(error)})`;
  }
}

/** Inbound events could not be stored (PostgreSQL down, or failing for a reason that may pass): the platform must deliver them again. */
export class InboundStorageError extends Error {
  override readonly name = 'InboundStorageError';
  readonly statusCode = 503;
  constructor(cause: unknown) {
    super(`inbound events could not be stored: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
