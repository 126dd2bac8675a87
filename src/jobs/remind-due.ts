import { z } from 'zod';
import { reminderNotice } from '../conversation/notices/reminder.ts';
import { nextReminder } from '../domain/plan-submission.ts';
import { outsideQuietHours } from '../domain/quiet-hours.ts';
import { claimReminder } from '../store/submissions/claim-reminder.ts';
import { listDueReminders } from '../store/submissions/list-due-reminders.ts';
import { defineJob } from './job-definition.ts';

const BATCH = 500;

/**
 * Every minute: reminds those who have not handed in an exercise, at the programme's offsets
 * before the deadline; someone who started and stopped halfway gets a nudge instead. Each
 * reminder is claimed by moving `nextReminderAt` on with a conditional update, so it is sent once.
 * Nobody paused, stopped, done, or in a paused cohort is reminded.
 */
export const remindDue = defineJob({
  name: 'remind-due',
  payload: z.object({}),
  repeat: { pattern: '* * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, { db, now, queues, translate, defaultLanguage }) => {
    let reminded = 0;
    for (const reminder of await listDueReminders(db, now(), BATCH)) {
      const following = nextReminder(reminder.deadlineAt, reminder.reminderOffsets, now());
      const outbound = await claimReminder(
        db,
        { ...reminder, following },
        ({ person, channelIdentityId }) => [
          {
            personId: person.id,
            channelIdentityId,
            purpose: 'reminder',
            dedupKey: `reminder-${reminder.submissionId}-${reminder.nextReminderAt.toISOString()}`,
            plannedAt: outsideQuietHours(now(), reminder.programme.settings.quietHours, person.timeZone),
            payload: reminderNotice(
              { ...reminder, questionsLeft: reminder.questionCount - reminder.currentPosition },
              person,
              reminder.programme,
              { translate, defaultLanguage },
            ),
          },
        ],
        now,
      );
      if (outbound.length === 0) continue;
      reminded++;
      await queues.deliverOutbound(outbound, now());
    }
    return { reminded };
  },
});
