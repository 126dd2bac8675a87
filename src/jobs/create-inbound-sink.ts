import { InboundStorageError, type InboundSink } from '../channels/inbound-sink.ts';
import type { Logger } from '../logger.ts';
import type { Database } from '../store/database.ts';
import { ConcurrentFirstContactError, recordDeliveryStatuses, recordInboundEvents } from '../store/record-inbound-events.ts';
import { withTimeout } from '../with-timeout.ts';
import type { JobQueues } from './job-queues.ts';

/** How long a webhook waits for Redis before answering anyway; the sweep queues what was missed. */
const ENQUEUE_TIMEOUT_MS = 1_000;

/**
 * What webhooks hand their events to: PostgreSQL first (the event is safe once this resolves),
 * then a handling job. Redis being down delays handling, never loses an event.
 */
export function createInboundSink(deps: { db: Database; queues: JobQueues; logger: Logger }): InboundSink {
  return {
    record: async (events) => {
      const { recorded, duplicates } = await recordInboundEvents(deps.db, events)
        .catch((error: unknown) => {
          if (error instanceof ConcurrentFirstContactError) return recordInboundEvents(deps.db, events);
          throw error;
        })
        .catch((error: unknown) => {
          throw new InboundStorageError(error);
        });
      if (duplicates > 0) deps.logger.info({ duplicates }, 'redelivered events ignored');
      await withTimeout(deps.queues.handleInbound(recorded.map((event) => event.id)), ENQUEUE_TIMEOUT_MS, 'Redis did not answer in time').catch((err: unknown) =>
        deps.logger.warn({ err, events: recorded.length }, 'could not queue handling now; the sweep will'),
      );
      return { recorded: recorded.length, duplicates };
    },
    recordStatuses: async (updates) => {
      await recordDeliveryStatuses(deps.db, updates).catch((error: unknown) => {
        throw new InboundStorageError(error);
      });
    },
  };
}
