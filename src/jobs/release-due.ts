import { DelayedError } from 'bullmq';
import { z } from 'zod';
import { endElapsedPauses } from '../store/enrolments/end-elapsed-pauses.ts';
import { claimDueReleases } from '../store/submissions/claim-due-releases.ts';
import { findSubmissionSchedule } from '../store/submissions/find-submission-schedule.ts';
import { listPlannedReleases } from '../store/submissions/list-planned-releases.ts';
import { defineJob, type JobContext } from './job-definition.ts';
import { RELEASE_SUBMISSION_QUEUE } from './job-queues.ts';
import { sendReleaseMessagesInBulk } from './release-exercise.ts';
import { queueTimeIn } from './queue-clock.ts';

/** Submissions released in one transaction at most. */
const BATCH = 500;
/** Batches one sweep releases at most; what is left waits for the next minute. */
const SWEEP_BATCHES = 20;
/** How far ahead the sweep queues exact-instant release jobs (it runs every minute). */
const LOOKAHEAD_MS = 5 * 60 * 1000;

/**
 * Releases up to BATCH submissions that are due and may go, in one transaction: claimed (planned →
 * open) so two workers never release the same one, and their messages written to the outbox.
 * Returns how many were released.
 */
async function releaseDueBatch(context: JobContext): Promise<number> {
  const { db, now, queues } = context;
  const outbound = await claimDueReleases(db, { now: now(), limit: BATCH }, (tx, released) =>
    sendReleaseMessagesInBulk(tx, { ...context, mediaDir: context.media.dir }, released),
  );
  await queues.deliverOutbound(outbound.rows, now());
  return outbound.count;
}

/**
 * The release at its instant: a delayed job per submission, queued shortly before (BullMQ delays
 * are precise to the second, where the sweep below runs once a minute). The first job of an
 * instant releases every submission due then, in batches; the jobs after it find theirs done.
 */
export const releaseSubmission = defineJob({
  name: RELEASE_SUBMISSION_QUEUE,
  payload: z.object({ submissionId: z.string().min(1) }),
  concurrency: 16,
  handle: async ({ submissionId }, context) => {
    const { db, now, job, token } = context;
    // Two batches at once (they skip each other's rows): one is written while the other is read.
    const releaseAll = async () => {
      let released = 0;
      for (let count = BATCH; count === BATCH; released += count) count = await releaseDueBatch(context);
      return released;
    };
    const released = (await Promise.all([releaseAll(), releaseAll()])).reduce((sum, count) => sum + count, 0);
    if (released > 0) return { released };
    // Run early (clocks a little apart): wait for the instant rather than leave it to the sweep.
    const own = await findSubmissionSchedule(db, submissionId);
    if (own?.status === 'planned' && own.releaseAt > now() && job && token) {
      await job.moveToDelayed(queueTimeIn(own.releaseAt.getTime() - now().getTime()), token);
      throw new DelayedError();
    }
    return { released };
  },
});

/**
 * Every minute: releases the submissions whose instant has come, as a safety net for the jobs
 * above. Paused and stopped participants, and cohorts whose schedule is paused, are skipped until
 * they resume.
 */
export const releaseDue = defineJob({
  name: 'release-due',
  payload: z.object({}),
  repeat: { pattern: '* * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, context) => {
    const { db, now, queues } = context;
    // Pauses people asked for (PAUSE 7) end by themselves.
    await endElapsedPauses(db, now());
    let released = 0;
    for (let batch = 0, count = BATCH; batch < SWEEP_BATCHES && count === BATCH; batch++, released += count)
      count = await releaseDueBatch(context);
    // Releases coming up soon get a delayed job each, for the exact instant.
    const soon = await listPlannedReleases(db, { after: now(), until: new Date(now().getTime() + LOOKAHEAD_MS) });
    await queues.releaseSubmissions(soon, now());
    return { released };
  },
});
