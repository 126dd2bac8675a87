import { z } from 'zod';
import { exerciseClosedNotice } from '../conversation/notices/exercise-closed-notice.ts';
import { outsideQuietHours } from '../domain/quiet-hours.ts';
import { markSubmissionsMissed } from '../store/submissions/mark-submissions-missed.ts';
import { defineJob } from './job-definition.ts';

/**
 * Every few minutes: a submission still open or half-answered when its exercise closes (deadline +
 * `closes_after`, never before the grace ends) becomes `missed`, with no reminder left, and its
 * participant is told, once, outside quiet hours (unless paused, stopped or erased). Scores,
 * slipping alerts, digests and the dashboard read this status; the conversation already refuses
 * answers to a closed exercise. Answers are judged by when they were sent, so a submission waits
 * while its participant has messages sent before the closing still to be handled (a backlog after
 * an outage). Paused cohorts are closed too, without a word: their deadlines passed all the same.
 * One conditional UPDATE claims them, so running it twice or on two workers changes nothing more.
 */
export const closeMissedSubmissions = defineJob({
  name: 'close-missed-submissions',
  payload: z.object({}),
  repeat: { pattern: '*/5 * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, { db, logger, now, queues, translate, defaultLanguage }) => {
    const { closed, outbound } = await markSubmissionsMissed(db, now(), (submission) => [
      {
        personId: submission.person.id,
        channelIdentityId: submission.channelIdentityId,
        purpose: 'exercise_closed',
        dedupKey: `closed-${submission.submissionId}`,
        plannedAt: outsideQuietHours(now(), submission.programme.settings.quietHours, submission.person.timeZone),
        payload: exerciseClosedNotice(submission, submission.person, submission.programme, {
          translate,
          defaultLanguage,
        }),
      },
    ]);
    if (closed > 0) logger.info({ closed, told: outbound.length }, 'closed submissions nobody finished as missed');
    if (outbound.length > 0) await queues.deliverOutbound(outbound, now());
    return { closed };
  },
});
