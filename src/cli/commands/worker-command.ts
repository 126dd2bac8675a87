import { allJobs } from '../../jobs/all-jobs.ts';
import { SendJournal } from '../../jobs/send-journal.ts';
import { startWorkers, type RunningWorkers } from '../../jobs/start-workers.ts';
import { sendLimits, type Runtime } from '../runtime.ts';

/** `compagnon worker`: runs every BullMQ worker. Start as many such processes as the load needs. */
export async function startWorkerProcess(runtime: Runtime): Promise<RunningWorkers> {
  const { config } = runtime;
  const jobs = allJobs(sendLimits(config));
  const journal = await new SendJournal(config.JOURNAL_DIR, runtime.logger).open();
  const running = await startWorkers(jobs, {
    journal,
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
      chatIntervalMs: { telegram: config.TELEGRAM_CHAT_INTERVAL_MS, whatsapp: config.WHATSAPP_RECIPIENT_INTERVAL_MS },
      dashboard: { publicUrl: config.PUBLIC_URL ?? null, linkMinutes: config.SIGN_IN_LINK_MINUTES },
      ...(config.PUBLIC_URL &&
        config.CALENDAR_SECRET && {
          calendar: { publicUrl: config.PUBLIC_URL, secret: config.CALENDAR_SECRET },
        }),
    },
  });
  runtime.logger.info({ queues: jobs.map((job) => job.name) }, 'workers started');
  return running;
}
