import type { Queue } from 'bullmq';

/**
 * A job id that already exists is not queued again; when the sweep finds work whose job gave up
 * (retries exhausted during a long outage) or finished without doing it, that job must go first.
 */
export async function removeFinished(queue: Queue, jobIds: string[]): Promise<void> {
  for (const jobId of jobIds) {
    const job = await queue.getJob(jobId);
    if (job && ((await job.isFailed()) || (await job.isCompleted()))) await job.remove();
  }
}
