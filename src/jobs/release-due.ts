import { DelayedError } from 'bullmq';
import { z } from 'zod';
import { defineJob, type JobContext } from './job-definition.ts';
import { RELEASE_SUBMISSION_QUEUE } from './job-queues.ts';
import { sendReleaseMessagesInBulk, type ReleasedSubmission } from './release-exercise.ts';

/** Submissions released in one transaction at most. */
const BATCH = 500;
/** Batches one sweep releases at most; what is left waits for the next minute. */
const SWEEP_BATCHES = 20;
/** How far ahead the sweep queues exact-instant release jobs (it runs every minute). */
const LOOKAHEAD_MS = 5 * 60 * 1000;
/** Long enough for a batch on a busy machine; the default (5 s) is for one person's handling. */
const TRANSACTION_TIMEOUT_MS = 60_000;

/**
 * Releases up to BATCH submissions that are due and may go (planned, instant come, enrolment
 * active, cohort not paused, person neither stopped nor erased), in one transaction: they are
 * claimed (planned → open) by one conditional update that skips rows another worker is
 * releasing, so two workers never release the same one, and their messages written to the outbox.
 * Returns how many were released.
 */
async function releaseDueBatch(context: JobContext): Promise<number> {
  const { db, now, queues } = context;
  const outbound = await db.$transaction(
    async (tx) => {
      const released = await tx.$queryRaw<ReleasedSubmission[]>`
        UPDATE "Submission" AS s SET status = 'open', "releasedAt" = ${now()}, "updatedAt" = ${now()}
        FROM (
          SELECT s2.id, e."personId" FROM "Submission" s2
            JOIN "Enrolment" e ON e.id = s2."enrolmentId"
            JOIN "Cohort" c ON c.id = e."cohortId"
            JOIN "Person" p ON p.id = e."personId"
          WHERE s2.status = 'planned' AND s2."releaseAt" <= ${now()}
            AND e.status IN ('active', 'selected') /* FOLLOWED_STATUSES */ AND c."pausedAt" IS NULL AND p."optedOutAt" IS NULL AND p."erasedAt" IS NULL
          ORDER BY s2."releaseAt", s2.id
          LIMIT ${BATCH}
          FOR UPDATE OF s2 SKIP LOCKED
        ) AS due
        WHERE s.id = due.id AND s.status = 'planned'
        RETURNING s.id, s."exerciseId", due."personId", s.status::text AS status, s.late, s."currentPosition", s."releaseAt", s."deadlineAt", s."submittedAt"`;
      return {
        count: released.length,
        rows: await sendReleaseMessagesInBulk(tx, { ...context, mediaDir: context.media.dir }, released),
      };
    },
    { timeout: TRANSACTION_TIMEOUT_MS },
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
    const own = await db.submission.findUnique({
      where: { id: submissionId },
      select: { status: true, releaseAt: true },
    });
    if (own?.status === 'planned' && own.releaseAt > now() && job && token) {
      await job.moveToDelayed(own.releaseAt.getTime(), token);
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
    // A selected participant's pause gives the selection back (see setEnrolmentStatus).
    await db.$executeRaw`
      UPDATE "Enrolment"
      SET status = COALESCE("statusBeforeStop", 'active'::"EnrolmentStatus"), "statusBeforeStop" = NULL,
          "pausedUntil" = NULL, "statusChangedAt" = ${now()}, "updatedAt" = ${now()}
      WHERE status = 'paused' AND "pausedUntil" <= ${now()}`;
    let released = 0;
    for (let batch = 0, count = BATCH; batch < SWEEP_BATCHES && count === BATCH; batch++, released += count)
      count = await releaseDueBatch(context);
    // Releases coming up soon get a delayed job each, for the exact instant.
    const soon = await db.submission.findMany({
      where: { status: 'planned', releaseAt: { gt: now(), lte: new Date(now().getTime() + LOOKAHEAD_MS) } },
      select: { id: true, releaseAt: true },
    });
    await queues.releaseSubmissions(soon, now());
    return { released };
  },
});
