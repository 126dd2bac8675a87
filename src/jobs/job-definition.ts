import type { Job } from 'bullmq';
import type { z } from 'zod';
import type { ChannelAdapter } from '../channels/channel-adapter.ts';
import type { ChannelName } from '../domain/inbound-event.ts';
import type { Language } from '../domain/programme/language.ts';
import type { CalendarLinks } from '../domain/sessions/calendar-link.ts';
import type { Translate } from '../i18n.ts';
import type { Logger } from '../logger.ts';
import type { Database } from '../store/database.ts';
import type { DatabaseBreaker } from './database-breaker.ts';
import type { JobQueues } from './job-queues.ts';
import type { SendJournal } from './send-journal.ts';

/** What every job handler may use. */
export interface JobContext {
  db: Database;
  logger: Logger;
  now: () => Date;
  translate: Translate;
  defaultLanguage: Language;
  channels: Partial<Record<ChannelName, ChannelAdapter>>;
  queues: JobQueues;
  media: { dir: string; maxBytes: number };
  /** Dashboard sign-in links sent in chat (PUBLIC_URL, SIGN_IN_LINK_MINUTES); without it, a path valid 15 minutes. */
  dashboard?: { publicUrl: string | null; linkMinutes: number };
  /** Links to a session's .ics in its announcement (PUBLIC_URL and CALENDAR_SECRET); none without them. */
  calendar?: CalendarLinks;
  /** Least time between two messages to the same chat, per channel (Telegram ~1/s per chat). */
  chatIntervalMs?: Partial<Record<ChannelName, number>>;
  /** Stops this process's sends while PostgreSQL cannot record them (set by startWorkers). */
  breaker?: DatabaseBreaker;
  /** Where sends that could not be recorded are kept on disk (set by startWorkers when given). */
  journal?: SendJournal;
  /** The BullMQ job being run (for delaying it); absent when a handler is called directly. */
  job?: Job;
  token?: string;
}

/**
 * A job: its queue, the shape of its payload (checked before the handler runs) and its handler.
 * A handler must be safe to run twice for the same payload: BullMQ retries after crashes.
 */
interface JobDefinition<Payload = unknown> {
  /** Queue name; also the BullMQ job name. */
  name: string;
  payload: z.ZodType<Payload>;
  handle: (payload: Payload, context: JobContext) => Promise<unknown>;
  /** A repeating schedule (cron pattern in a time zone), registered when workers start. */
  repeat?: { pattern: string; timeZone: string; payload: Payload };
  concurrency?: number;
  /** At most `max` jobs per `duration` ms across all workers of the queue (a platform's rate limit). */
  limiter?: { max: number; duration: number };
}

export function defineJob<Payload>(definition: JobDefinition<Payload>): JobDefinition<Payload> {
  return definition;
}

/** A job definition of any payload, for lists of jobs; each payload is checked by its own schema. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobDefinition = JobDefinition<any>;
