import { Queue, UnrecoverableError, Worker, type ConnectionOptions } from 'bullmq';
import type { Logger } from '../logger.ts';
import { recordJournaledSends } from '../store/outbox/record-sent-messages.ts';
import { pingDatabase } from '../store/ping-database.ts';
import { DatabaseBreaker } from './database-breaker.ts';
import type { AnyJobDefinition, JobContext } from './job-definition.ts';
import { JOURNAL_ANNOUNCE_EVERY_MS, JOURNAL_ANNOUNCE_TTL_MS } from './job-queues.ts';
import type { SendJournal } from './send-journal.ts';

/** How often job schedules are registered again (a Redis that lost its data lost them). */
const RESCHEDULE_EVERY_MS = 5 * 60 * 1000;

export interface RunningWorkers {
  queues: Queue[];
  workers: Worker[];
  close: () => Promise<void>;
}

/**
 * Starts one BullMQ worker per job definition and (unless `schedules` is false) registers the
 * repeating ones with `upsertJobScheduler`, which is idempotent: every worker process may do it
 * at start-up, and does again whenever its Redis connection is ready after a reconnection (a
 * Redis restarted without its data lost them). With a journal, the sends it holds are recorded
 * before any job runs (the sweep among them), and again whenever PostgreSQL answers after a
 * failed write.
 */
export async function startWorkers(
  definitions: AnyJobDefinition[],
  options: {
    connection: ConnectionOptions;
    prefix: string;
    context: Omit<JobContext, 'job' | 'token'>;
    /** How often to register the job schedules again; 5 minutes unless a test needs it sooner. */
    rescheduleEveryMs?: number;
    /**
     * Whether to register the repeating schedules (default). A test turns them off so that no
     * sweep or reminder runs on the real clock in the middle of it; it runs the handlers itself.
     */
    schedules?: boolean;
    /** Where sends that could not be recorded are kept (see send-journal.ts), opened. */
    journal?: SendJournal;
  },
): Promise<RunningWorkers> {
  const {
    connection,
    prefix,
    context,
    rescheduleEveryMs = RESCHEDULE_EVERY_MS,
    journal,
    schedules: repeating = true,
  } = options;
  const { db, logger } = context;
  const replay = journal ? () => journal.replay((sends) => recordJournaledSends(db, sends)) : undefined;
  const breaker =
    context.breaker ??
    new DatabaseBreaker({ probe: () => pingDatabase(db), ...(replay && { recover: replay }), logger });
  if (replay) {
    try {
      await replay();
    } catch (err) {
      // PostgreSQL is away: nothing is sent until it answers and the journal is recorded.
      breaker.trip(err);
    }
  }
  const journalTimer =
    journal && setInterval(() => void tendJournal(journal, context, replay!, breaker), JOURNAL_ANNOUNCE_EVERY_MS);
  journalTimer?.unref();
  const queues: Queue[] = [];
  const workers: Worker[] = [];
  const schedules: (() => Promise<unknown>)[] = [];
  for (const definition of definitions) {
    const queue = new Queue(definition.name, { connection, prefix });
    queue.on('error', (error) => logWorkerError(context.logger, error, definition.name));
    queues.push(queue);
    const repeat = definition.repeat;
    if (repeat && repeating) {
      const schedule = () =>
        queue.upsertJobScheduler(
          definition.name,
          { pattern: repeat.pattern, tz: repeat.timeZone },
          { name: definition.name, data: repeat.payload as unknown },
        );
      await schedule();
      schedules.push(schedule);
    }
    const worker = new Worker(
      definition.name,
      async (job, token) => {
        const parsed = definition.payload.safeParse(job.data);
        // A malformed payload will never become valid: do not retry it.
        if (!parsed.success) throw new UnrecoverableError(`invalid payload: ${parsed.error.message}`);
        return definition.handle(parsed.data, {
          ...context,
          breaker,
          ...(journal && { journal }),
          logger: context.logger.child({ job: job.name, jobId: job.id }),
          job,
          ...(token !== undefined && { token }),
        });
      },
      {
        connection,
        prefix,
        concurrency: definition.concurrency ?? 1,
        ...(definition.limiter && { limiter: definition.limiter }),
      },
    );
    worker.on('failed', (job, error) => {
      logger.error({ job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: error }, 'job failed');
    });
    worker.on('error', (error) => logWorkerError(context.logger, error, definition.name));
    workers.push(worker);
  }
  // A Redis that lost its data (restarted without persistence) loses the schedules, and with them
  // the sweeps that repair everything else: they are registered again as soon as the connection
  // is ready again, and now and then in case a restart went unnoticed.
  let rescheduling: Promise<unknown> | undefined;
  const rescheduleAll = () => {
    rescheduling ??= Promise.all(
      schedules.map((schedule) =>
        schedule().catch((err: unknown) => logger.warn({ err }, 'could not register a job schedule')),
      ),
    ).finally(() => (rescheduling = undefined));
  };
  const clients = new Set(await Promise.all(queues.map((queue) => queue.getBackend().client)));
  for (const client of clients) client.on('ready', rescheduleAll);
  const reschedule = setInterval(rescheduleAll, rescheduleEveryMs);
  reschedule.unref();
  return {
    queues,
    workers,
    close: async () => {
      clearInterval(reschedule);
      clearInterval(journalTimer);
      for (const client of clients) client.off('ready', rescheduleAll);
      breaker.stop();
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all(queues.map((queue) => queue.close()));
      await journal?.close();
    },
  };
}

/**
 * Every few seconds: records what the journals of this directory hold (a worker gone may have left
 * one), unless PostgreSQL is known to be away, and tells Redis what they still hold, for the sweep.
 */
async function tendJournal(
  journal: SendJournal,
  context: Omit<JobContext, 'job' | 'token'>,
  replay: () => Promise<unknown>,
  breaker: DatabaseBreaker,
): Promise<void> {
  try {
    if (!breaker.isOpen) await replay();
  } catch (err) {
    context.logger.warn({ err }, 'could not record the sends kept in the journal yet');
  }
  try {
    await context.queues.announceJournaled(journal.worker, await journal.held(), JOURNAL_ANNOUNCE_TTL_MS);
  } catch (err) {
    context.logger.debug({ err }, 'could not announce the journal to Redis');
  }
}

/** Socket errors while Redis is down or restarting; ioredis reconnects by itself. */
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

/**
 * Every worker and queue reports each failed reconnection attempt: during a Redis outage that is
 * hundreds of lines a minute, when the runtime already logs the outage once. Those are kept at
 * debug level; anything else is an error.
 */
function logWorkerError(logger: Logger, error: Error & { code?: unknown }, queue: string): void {
  if (typeof error.code === 'string' && CONNECTION_ERRORS.has(error.code))
    logger.debug({ err: error, queue }, 'Redis connection error');
  else logger.error({ err: error, queue }, 'worker error');
}
