import { z } from 'zod';
import { findDueCheckIns } from '../store/check-ins/find-due-check-ins.ts';
import { defineJob } from './job-definition.ts';
import { promptCheckIn } from './prompt-check-in.ts';

const BATCH = 500;

/**
 * Every few minutes: prompts mentors for the check-ins that are due, on the programme's cadence.
 * Each is claimed by moving `nextCheckInAt` on with a conditional update in the transaction that
 * writes the prompt, and a check-in row is unique per assignment and due instant, so a prompt goes
 * out once and is never lost.
 */
export const checkInsDue = defineJob({
  name: 'check-ins-due',
  payload: z.object({}),
  repeat: { pattern: '*/5 * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, context) => {
    const { db, now } = context;
    const due = await findDueCheckIns(db, { now: now(), take: BATCH });
    let prompted = 0;
    for (const { assignmentId, dueAt, cadence } of due) {
      let next = cadence ? new Date(dueAt.getTime() + cadence.everyMinutes * 60_000) : null;
      // A long outage does not leave a backlog of prompts: the next one is in the future.
      while (next && cadence && next <= now()) next = new Date(next.getTime() + cadence.everyMinutes * 60_000);
      try {
        if (await promptCheckIn({ ...context, mediaDir: context.media.dir }, assignmentId, dueAt, next)) prompted++;
      } catch (err) {
        // One assignment that cannot be prompted (a deleted mentor…) must not hold up the others.
        context.logger.error({ err, assignmentId }, 'could not prompt a check-in');
      }
    }
    return { prompted };
  },
});
