import { z } from 'zod';
import { markSubmissionsMissed } from '../store/submissions/mark-submissions-missed.ts';
import { defineJob } from './job-definition.ts';

/**
 * Every few minutes: a submission still open or half-answered when its exercise closes (deadline +
 * `closes_after`, never before the grace ends) becomes `missed`, with no reminder left. Scores,
 * slipping alerts, digests and the dashboard read this status; the conversation already refuses
 * answers to a closed exercise. Answers are judged by when they were sent, so a submission waits
 * while its participant has messages sent before the closing still to be handled (a backlog after
 * an outage). Paused cohorts are closed too: their deadlines passed all the same.
 * One conditional UPDATE, so running it twice or on two workers changes nothing more.
 */
export const closeMissedSubmissions = defineJob({
  name: 'close-missed-submissions',
  payload: z.object({}),
  repeat: { pattern: '*/5 * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, { db, logger, now }) => {
    const closed = await markSubmissionsMissed(db, now());
    if (closed > 0) logger.info({ closed }, 'closed submissions nobody finished as missed');
    return { closed };
  },
});
