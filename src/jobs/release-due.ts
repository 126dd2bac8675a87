import { z } from 'zod';
import { defineJob, type JobContext } from './job-definition.ts';
import { RELEASE_SUBMISSION_QUEUE } from './job-queues.ts';
import { sendReleaseMessages } from './release-exercise.ts';

const BATCH = 500;
/** How far ahead the sweep queues exact-instant release jobs (it runs every minute). */
const LOOKAHEAD_MS = 5 * 60 * 1000;

/** Releases one submission if it is still planned and may go (active, cohort not paused). */
async function releaseOne(submissionId: string, context: JobContext): Promise<boolean> {
  const { db, now, queues } = context;
  const outbound = await db.$transaction(async (tx) => {
    const { count } = await tx.submission.updateMany({
      where: {
        id: submissionId,
        status: 'planned',
        releaseAt: { lte: now() },
        enrolment: { status: 'active', cohort: { pausedAt: null }, person: { optedOutAt: null, erasedAt: null } },
      },
      data: { status: 'open' },
    });
    if (count === 0) return null;
    const { enrolment } = await tx.submission.findUniqueOrThrow({ where: { id: submissionId }, select: { enrolment: { select: { personId: true } } } });
    return sendReleaseMessages(tx, { ...context, mediaDir: context.media.dir }, submissionId, enrolment.personId);
  });
  if (!outbound) return false;
  await queues.deliverOutbound(outbound, now());
  return true;
}

/**
 * The release of one submission at its instant: a delayed job the planner queues shortly before
 * (BullMQ delays are precise to the second, where the sweep below runs once a minute).
 */
export const releaseSubmission = defineJob({
  name: RELEASE_SUBMISSION_QUEUE,
  payload: z.object({ submissionId: z.string().min(1) }),
  concurrency: 16,
  handle: async ({ submissionId }, context) => ({ released: await releaseOne(submissionId, context) }),
});

/**
 * Every minute: releases the submissions whose instant has come, each claimed (planned → open)
 * by a conditional update, so two workers never release the same one. Paused and stopped
 * participants, and cohorts whose schedule is paused, are skipped until they resume.
 */
export const releaseDue = defineJob({
  name: 'release-due',
  payload: z.object({}),
  repeat: { pattern: '* * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, context) => {
    const { db, now, queues } = context;
    // Pauses people asked for (PAUSE 7) end by themselves.
    await db.enrolment.updateMany({ where: { status: 'paused', pausedUntil: { lte: now() } }, data: { status: 'active', pausedUntil: null, statusChangedAt: now() } });
    const due = await db.submission.findMany({
      where: {
        status: 'planned',
        releaseAt: { lte: now() },
        enrolment: { status: 'active', cohort: { pausedAt: null }, person: { optedOutAt: null, erasedAt: null } },
      },
      orderBy: { releaseAt: 'asc' },
      take: BATCH,
      select: { id: true },
    });
    let released = 0;
    for (const submission of due) if (await releaseOne(submission.id, context)) released++;
    // Releases coming up soon get a delayed job each, for the exact instant.
    const soon = await db.submission.findMany({
      where: { status: 'planned', releaseAt: { gt: now(), lte: new Date(now().getTime() + LOOKAHEAD_MS) } },
      select: { id: true, releaseAt: true },
    });
    await queues.releaseSubmissions(soon, now());
    return { released };
  },
});
