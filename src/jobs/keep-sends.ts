import { DelayedError, UnrecoverableError } from 'bullmq';
import { PROBE_EVERY_MS } from './database-breaker.ts';
import { serialized, type DeliveryPayload, type SentAs } from './delivery-payload.ts';
import type { JobContext } from './job-definition.ts';
import { queueTimeIn } from './queue-clock.ts';

/** A message handed from a batch to a job of its own after a transient error is tried again after this. */
export const RETRY_AFTER_MS = 2_000;
/** A job keeping sends it could not record comes back at most this long after its last try. */
const KEEP_TRYING_MAX_MS = 5 * 60_000;

/**
 * Sends the platform took whose record failed, written to the job's data as soon as each
 * happens (one write at a time), so that a crash before the job ends does not send them again.
 */
export function keeper(payload: DeliveryPayload, context: JobContext) {
  const sends: Record<string, SentAs> = {};
  let writing: Promise<void> = Promise.resolve();
  return {
    add: async (id: string, sent: SentAs) => {
      sends[id] = sent;
      if (!context.job) return;
      const job = context.job;
      writing = writing
        .then(() => job.updateData({ ...payload, sent: { ...payload.sent, ...serialized(sends) } }))
        .catch((error: unknown) =>
          context.logger.error({ err: error, sent: serialized(sends) }, 'sent, but could not keep it in the job yet'),
        );
      await writing;
    },
    count: () => Object.keys(sends).length,
    all: () => sends,
  };
}

/**
 * The platform took these messages but their record failed (the database is down), or these
 * others were interrupted. The job keeps the sends in its data and runs again, recording them
 * first and sending only the others. While it holds sends, it comes back for as long as it takes
 * (backing off up to KEEP_TRYING_MAX_MS): they must be recorded, and not made twice. While the
 * breaker is open it comes back every PROBE_EVERY_MS, its retries unspent. Otherwise, holding
 * none, it fails as any job does, its retries counted; a message it leaves "sending" is then the
 * sweep's. Without a job, or when Redis cannot keep the sends either (or loses them), the sends
 * are in the worker's journal, recorded when PostgreSQL answers; only if the journal could not
 * keep them either may the sweep queue them again, one reaching its reader twice rather than never.
 */
export async function keepSends(
  payload: DeliveryPayload,
  sends: Record<string, SentAs>,
  unfinished: string[],
  context: JobContext,
): Promise<never> {
  const sent = { ...payload.sent, ...serialized(sends) };
  const holding = Object.keys(sent).length > 0;
  const summary = `${Object.keys(sends).length} sent but not recorded, ${unfinished.length} interrupted`;
  if (!context.job || !context.token) throw new UnrecoverableError(`${summary}: ${JSON.stringify(sent)}`);
  const tries = (payload.tries ?? 0) + 1;
  const kept: DeliveryPayload = {
    ...payload,
    ...(payload.messageIds && { messageIds: unfinished }),
    ...(holding && { sent }),
    tries,
  };
  try {
    await context.job.updateData(kept);
  } catch (error) {
    context.logger.error({ err: error, sent }, 'sent, but could not record it nor keep it for later');
    throw new UnrecoverableError(
      `${summary}, and could not be kept: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  // Stopped by the breaker: the job waits for PostgreSQL without spending its retries.
  const waiting = context.breaker?.isOpen ?? false;
  if (!holding && !waiting) throw new Error(`${summary}; the job tries again`);
  const afterMs = waiting ? PROBE_EVERY_MS : Math.min(RETRY_AFTER_MS * 2 ** (tries - 1), KEEP_TRYING_MAX_MS);
  context.logger.warn({ sent, unfinished, afterMs }, 'delivery to be finished later');
  await context.job.moveToDelayed(queueTimeIn(afterMs), context.token);
  throw new DelayedError();
}
