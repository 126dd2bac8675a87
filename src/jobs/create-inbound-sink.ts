import { InboundStorageError, type InboundSink } from '../channels/inbound-sink.ts';
import type { InboundEvent } from '../domain/inbound-event.ts';
import { storableValue } from '../domain/storable-text.ts';
import type { Logger } from '../logger.ts';
import type { Database, DatabasePool } from '../store/database.ts';
import { classifyDatabaseError, describeDatabaseError } from '../store/database-errors.ts';
import { createGroupCommit } from '../store/group-commit.ts';
import {
  recordDeliveryStatuses,
  recordInboundEvents,
  type RecordedEvent,
} from '../store/inbound/record-inbound-events.ts';
import { setAsideInbound, setAsideInboundEvent } from '../store/inbound/set-aside-inbound-event.ts';
import { withTimeout } from '../with-timeout.ts';
import type { JobQueues } from './job-queues.ts';

/** How long a webhook waits for Redis before answering anyway; the sweep queues what was missed. */
const ENQUEUE_TIMEOUT_MS = 1_000;
/** Events per transaction at most, and transactions at once: enough for bursts, gentle on the pool. */
const MAX_BATCH = 500;
const MAX_IN_FLIGHT = 2;

/** What became of one event: stored now, stored before (a redelivery), or set aside. */
type Outcome = 'new' | 'duplicate' | 'rejected';

/**
 * What webhooks hand their events to: PostgreSQL first (an event is safe once `record`
 * resolves), then a handling job. Concurrent requests share transactions (group commit).
 * Redis being down delays handling, never loses an event.
 *
 * `record` throws (and the webhook answers 503, so that the platform delivers again) whenever
 * PostgreSQL fails for any reason but the data itself: unreachable, a timeout, a lock not
 * available, a server gone read-only, an internal error, an event still meeting deadlocks after the
 * recorder's retries. When a shared transaction fails for what one event holds (SQLSTATE classes
 * 22, 23, 54 or 42804), each event of the batch is tried alone, so
 * that its neighbours are recorded; the one PostgreSQL still refuses so is set aside (kept in
 * RejectedInboundEvent, with a warning naming its id) and counted as `rejected`, so that the
 * platform stops delivering it again and again.
 */
export function createInboundSink(deps: {
  db: Database;
  pool: DatabasePool;
  queues: JobQueues;
  logger: Logger;
}): InboundSink {
  const { logger } = deps;

  const setAside = async (event: InboundEvent, cause: unknown): Promise<Outcome> => {
    const error = describeDatabaseError(cause);
    // Ids and the error only: the event itself is a person's message.
    const where = { channel: event.channel, platformEventId: event.platformEventId.slice(0, 200), error };
    try {
      await setAsideInboundEvent(deps.pool, event, error);
      logger.warn(where, 'inbound event refused by PostgreSQL; set aside in RejectedInboundEvent');
    } catch (failure) {
      if (classifyDatabaseError(failure) !== 'data') throw new InboundStorageError(failure);
      logger.error(
        { ...where, setAsideError: describeDatabaseError(failure) },
        'inbound event refused by PostgreSQL and could not be set aside',
      );
    }
    return 'rejected';
  };

  /** One event alone: recorded, or set aside when PostgreSQL refuses it. */
  const recordAlone = async (event: InboundEvent): Promise<{ outcome: Outcome; recorded: RecordedEvent[] }> => {
    try {
      const { recorded, isNew } = await recordInboundEvents(deps.pool, [event]);
      return { outcome: isNew[0] ? 'new' : 'duplicate', recorded };
    } catch (error) {
      // Still in a deadlock after the recorder's own retries: the event is fine, the platform may try again.
      if (classifyDatabaseError(error) !== 'data') throw new InboundStorageError(error);
      return { outcome: await setAside(event, error), recorded: [] };
    }
  };

  const store = async (events: InboundEvent[]): Promise<{ outcomes: Outcome[]; recorded: RecordedEvent[] }> => {
    try {
      const { recorded, isNew } = await recordInboundEvents(deps.pool, events);
      return { outcomes: isNew.map((fresh) => (fresh ? 'new' : 'duplicate')), recorded };
    } catch (error) {
      const failure = classifyDatabaseError(error);
      // Only the data of some event, or a conflict among many, is worth recording them one by one.
      if (failure !== 'data' && !(failure === 'conflict' && events.length > 1)) throw new InboundStorageError(error);
      if (events.length === 1) return { outcomes: [await setAside(events[0]!, error)], recorded: [] };
      logger.warn(
        { events: events.length, error: describeDatabaseError(error) },
        'a batch of inbound events was refused; recording them one by one',
      );
      const outcomes: Outcome[] = [];
      const recorded: RecordedEvent[] = [];
      for (const event of events) {
        const alone = await recordAlone(event);
        outcomes.push(alone.outcome);
        recorded.push(...alone.recorded);
      }
      return { outcomes, recorded };
    }
  };

  const commit = createGroupCommit<InboundEvent, Outcome>(
    async (events) => {
      const { outcomes, recorded } = await store(events);
      await withTimeout(
        deps.queues.handleInbound(recorded.map((event) => event.id)),
        ENQUEUE_TIMEOUT_MS,
        'Redis did not answer in time',
      ).catch((err: unknown) =>
        logger.warn({ err, events: recorded.length }, 'could not queue handling now; the sweep will'),
      );
      return outcomes;
    },
    { maxBatch: MAX_BATCH, maxInFlight: MAX_IN_FLIGHT },
  );

  return {
    record: async (events) => {
      if (events.length === 0) return { recorded: 0, duplicates: 0, rejected: 0 };
      const outcomes = await commit(events.map(storableValue));
      const count = (outcome: Outcome) => outcomes.filter((o) => o === outcome).length;
      const result = { recorded: count('new'), duplicates: count('duplicate'), rejected: count('rejected') };
      if (result.duplicates > 0) logger.info({ duplicates: result.duplicates }, 'redelivered events ignored');
      return result;
    },
    recordStatuses: async (updates) => {
      try {
        await recordDeliveryStatuses(deps.db, updates.map(storableValue));
      } catch (error) {
        if (classifyDatabaseError(error) !== 'data') throw new InboundStorageError(error);
        // A status is news about a message already sent: one PostgreSQL refuses is not worth a redelivery.
        logger.warn(
          { statuses: updates.map((u) => u.platformMessageId.slice(0, 200)), error: describeDatabaseError(error) },
          'delivery statuses refused by PostgreSQL; ignored',
        );
      }
    },
    setAside: async (items) => {
      for (const item of items) {
        // Ids and the error only: the item itself may be a person's message.
        const where = {
          channel: item.channel,
          platformEventId: item.platformEventId.slice(0, 200),
          error: item.error.slice(0, 500),
        };
        try {
          await setAsideInbound(deps.pool, storableValue(item));
          logger.warn(where, 'inbound item that could not be read; set aside in RejectedInboundEvent');
        } catch (failure) {
          if (classifyDatabaseError(failure) !== 'data') throw new InboundStorageError(failure);
          logger.error(
            { ...where, setAsideError: describeDatabaseError(failure) },
            'inbound item that could not be read, and could not be set aside',
          );
        }
      }
    },
  };
}
