import { z } from 'zod';
import type { ProgrammeSettings } from '../domain/programme/programme-definition.ts';
import { defineJob } from './job-definition.ts';
import { promptCheckIn } from './prompt-check-in.ts';

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
    const due = await db.mentorAssignment.findMany({
      where: {
        endedAt: null,
        nextCheckInAt: { lte: now() },
        cohort: { pausedAt: null },
        mentor: { optedOutAt: null, erasedAt: null },
        mentee: { erasedAt: null },
      },
      include: { cohort: { select: { programme: { select: { settings: true } } } } },
      take: 500,
    });
    let prompted = 0;
    for (const assignment of due) {
      const cadence = (assignment.cohort.programme.settings as unknown as ProgrammeSettings).checkIns;
      const dueAt = assignment.nextCheckInAt!;
      let next = cadence ? new Date(dueAt.getTime() + cadence.everyMinutes * 60_000) : null;
      // A long outage does not leave a backlog of prompts: the next one is in the future.
      while (next && cadence && next <= now()) next = new Date(next.getTime() + cadence.everyMinutes * 60_000);
      try {
        if (await promptCheckIn({ ...context, mediaDir: context.media.dir }, assignment.id, dueAt, next)) prompted++;
      } catch (err) {
        // One assignment that cannot be prompted (a deleted mentor…) must not hold up the others.
        context.logger.error({ err, assignmentId: assignment.id }, 'could not prompt a check-in');
      }
    }
    return { prompted };
  },
});
