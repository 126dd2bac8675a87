import { Queue, UnrecoverableError, Worker, type ConnectionOptions } from 'bullmq';
import type { AnyJobDefinition, JobContext } from './job-definition.ts';

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
  options: { connection: ConnectionOptions; prefix: string; context: Omit<JobContext, 'job' | 'token'> },
): Promise<RunningWorkers> {
  const { connection, prefix, context } = options;
  const queues: Queue[] = [];
  const workers: Worker[] = [];
  const schedules: (() => Promise<unknown>)[] = [];
  for (const definition of definitions) {
    const queue = new Queue(definition.name, { connection, prefix });
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
    worker.on('error', (error) => context.logger.error({ err: error, queue: definition.name }, 'worker error'));
    workers.push(worker);
  }
  // A Redis that lost its data (restarted without persistence) would lose the schedules, and with
  // them the sweeps that repair everything else: register them again now and then.
  const reschedule = setInterval(() => {
    for (const schedule of schedules) schedule().catch((err: unknown) => context.logger.warn({ err }, 'could not register a job schedule'));
  }, RESCHEDULE_EVERY_MS);
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
