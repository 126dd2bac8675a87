import { ALL_JOBS } from '../../jobs/all-jobs.ts';
import { startWorkers, type RunningWorkers } from '../../jobs/start-workers.ts';
import type { Runtime } from '../runtime.ts';

/** `compagnon worker`: runs every BullMQ worker. Start as many such processes as the load needs. */
export async function startWorkerProcess(runtime: Runtime): Promise<RunningWorkers> {
  const running = await startWorkers(ALL_JOBS, {
    connection: runtime.redis,
    prefix: runtime.config.QUEUE_PREFIX,
    context: {
      db: runtime.db,
      logger: runtime.logger,
      now: runtime.now,
      translate: runtime.translate,
      defaultLanguage: runtime.defaultLanguage,
      channels: runtime.channels.adapters,
      queues: runtime.queues,
      media: { dir: runtime.config.MEDIA_DIR, maxBytes: runtime.config.MEDIA_MAX_BYTES },
    },
  });
  runtime.logger.info({ queues: ALL_JOBS.map((job) => job.name) }, 'workers started');
  return running;
}
