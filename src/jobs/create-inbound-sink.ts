import { InboundStorageError, type InboundSink } from '../channels/inbound-sink.ts';
import type { InboundEvent } from '../domain/inbound-event.ts';
import type pg from 'pg';
import type { Logger } from '../logger.ts';
import type { Database } from '../store/database.ts';
import { createGroupCommit } from '../store/group-commit.ts';
import { recordDeliveryStatuses, recordInboundEvents } from '../store/record-inbound-events.ts';
import { withTimeout } from '../with-timeout.ts';
import type { JobQueues } from './job-queues.ts';

/** How long a webhook waits for Redis before answering anyway; the sweep queues what was missed. */
const ENQUEUE_TIMEOUT_MS = 1_000;
/** Events per transaction at most, and transactions at once: enough for bursts, gentle on the pool. */
const MAX_BATCH = 500;
const MAX_IN_FLIGHT = 2;

/**
 * What webhooks hand their events to: PostgreSQL first (an event is safe once `record`
 * resolves), then a handling job. Concurrent requests share transactions (group commit).
 * Redis being down delays handling, never loses an event.
 */
export function createInboundSink(deps: { db: Database; pool: pg.Pool; queues: JobQueues; logger: Logger }): InboundSink {
  const commit = createGroupCommit<InboundEvent, boolean>(
    async (events) => {
      const { recorded, isNew } = await recordInboundEvents(deps.pool, events).catch((error: unknown) => {
        throw new InboundStorageError(error);
      });
      await withTimeout(deps.queues.handleInbound(recorded.map((event) => event.id)), ENQUEUE_TIMEOUT_MS, 'Redis did not answer in time').catch(
        (err: unknown) => deps.logger.warn({ err, events: recorded.length }, 'could not queue handling now; the sweep will'),
      );
      return isNew;
    },
    { maxBatch: MAX_BATCH, maxInFlight: MAX_IN_FLIGHT },
  );

  return {
    record: async (events) => {
      if (events.length === 0) return { recorded: 0, duplicates: 0 };
      const isNew = await commit(events);
      const recorded = isNew.filter(Boolean).length;
      if (recorded < events.length) deps.logger.info({ duplicates: events.length - recorded }, 'redelivered events ignored');
      return { recorded, duplicates: events.length - recorded };
    },
    recordStatuses: async (updates) => {
      await recordDeliveryStatuses(deps.db, updates).catch((error: unknown) => {
        throw new InboundStorageError(error);
      });
    },
  };
}
