import { Queue, UnrecoverableError, Worker, type ConnectionOptions } from 'bullmq';
import type { Logger } from '../logger.ts';
import type { AnyJobDefinition, JobContext } from './job-definition.ts';

/** How often job schedules are registered again (a Redis that lost its data lost them). */
const RESCHEDULE_EVERY_MS = 5 * 60 * 1000;

export interface RunningWorkers {
  queues: Queue[];
  workers: Worker[];
  close: () => Promise<void>;
}

/**
 * Starts one BullMQ worker per job definition and registers the repeating ones with
 * `upsertJobScheduler`, which is idempotent: every worker process may do it at start-up.
 */
export async function startWorkers(
  definitions: AnyJobDefinition[],
  options: {
    connection: ConnectionOptions;
    prefix: string;
    context: Omit<JobContext, 'job' | 'token'>;
    /** How often to register the job schedules again; 5 minutes unless a test needs it sooner. */
    rescheduleEveryMs?: number;
  },
): Promise<RunningWorkers> {
  const { connection, prefix, context, rescheduleEveryMs = RESCHEDULE_EVERY_MS } = options;
  const queues: Queue[] = [];
  const workers: Worker[] = [];
  const schedules: (() => Promise<unknown>)[] = [];
  for (const definition of definitions) {
    const queue = new Queue(definition.name, { connection, prefix });
    queue.on('error', (error) => logWorkerError(context.logger, error, definition.name));
    queues.push(queue);
    const repeat = definition.repeat;
    if (repeat) {
      const schedule = () =>
        queue.upsertJobScheduler(definition.name, { pattern: repeat.pattern, tz: repeat.timeZone }, { name: definition.name, data: repeat.payload });
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
          logger: context.logger.child({ job: job.name, jobId: job.id }),
          job,
          ...(token !== undefined && { token }),
        });
      },
      { connection, prefix, concurrency: definition.concurrency ?? 1, ...(definition.limiter && { limiter: definition.limiter }) },
    );
    worker.on('failed', (job, error) => {
      context.logger.error({ job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: error }, 'job failed');
    });
    worker.on('error', (error) => logWorkerError(context.logger, error, definition.name));
    workers.push(worker);
  }
  // A Redis that lost its data (restarted without persistence) would lose the schedules, and with
  // them the sweeps that repair everything else: register them again now and then.
  const reschedule = setInterval(() => {
    for (const schedule of schedules) schedule().catch((err: unknown) => context.logger.warn({ err }, 'could not register a job schedule'));
  }, rescheduleEveryMs);
  reschedule.unref();
  return {
    queues,
    workers,
    close: async () => {
      clearInterval(reschedule);
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all(queues.map((queue) => queue.close()));
    },
  };
}

/** Socket errors while Redis is down or restarting; ioredis reconnects by itself. */
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

/**
 * Every worker and queue reports each failed reconnection attempt: during a Redis outage that is
 * hundreds of lines a minute, when the runtime already logs the outage once. Those are kept at
 * debug level; anything else is an error.
 */
function logWorkerError(logger: Logger, error: Error & { code?: unknown }, queue: string): void {
  if (typeof error.code === 'string' && CONNECTION_ERRORS.has(error.code)) logger.debug({ err: error, queue }, 'Redis connection error');
  else logger.error({ err: error, queue }, 'worker error');
}
