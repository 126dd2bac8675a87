import { z } from 'zod';
import { defineJob } from './job-definition.ts';
import { sendReleaseMessages } from './release-exercise.ts';

const BATCH = 500;

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
    const due = await db.submission.findMany({
      where: {
        status: 'planned',
        releaseAt: { lte: now() },
        enrolment: { status: 'active', cohort: { pausedAt: null }, person: { optedOutAt: null, erasedAt: null } },
      },
      orderBy: { releaseAt: 'asc' },
      take: BATCH,
      select: { id: true, enrolment: { select: { personId: true } } },
    });
    let released = 0;
    for (const submission of due) {
      const outbound = await db.$transaction(async (tx) => {
        const { count } = await tx.submission.updateMany({ where: { id: submission.id, status: 'planned' }, data: { status: 'open' } });
        if (count === 0) return null;
        return sendReleaseMessages(tx, { ...context, mediaDir: context.media.dir }, submission.id, submission.enrolment.personId);
      });
      if (!outbound) continue;
      released++;
      await queues.deliverOutbound(outbound, now());
    }
    return { released };
  },
});
