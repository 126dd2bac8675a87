import { z } from 'zod';
import { applicationReminderNotice } from '../conversation/notices/application-reminder.ts';
import { nextApplicationReminder } from '../domain/applications/next-application-reminder.ts';
import { outsideQuietHours } from '../domain/quiet-hours.ts';
import { claimApplicationReminder } from '../store/applications/claim-application-reminder.ts';
import { listDueApplicationReminders } from '../store/applications/list-due-application-reminders.ts';
import { defineJob } from './job-definition.ts';

const BATCH = 500;

/** The outbox purpose of a reminder to finish an application (its WhatsApp template: `application`). */
export const APPLICATION_REMINDER_PURPOSE = 'application_reminder';

/**
 * Every minute: reminds applicants who have not handed in, at the call's offsets before the
 * closing. Each reminder is claimed by moving `nextReminderAt` on with a conditional update, so
 * it is sent once however many workers run. Quiet hours hold it in the applicant's zone; one that
 * would then arrive after the closing is dropped, not sent.
 */
export const applicationRemindersDue = defineJob({
  name: 'application-reminders-due',
  payload: z.object({}),
  repeat: { pattern: '* * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, { db, now, queues, translate, defaultLanguage, logger }) => {
    let reminded = 0;
    for (const due of await listDueApplicationReminders(db, now(), BATCH)) {
      try {
        const following = nextApplicationReminder(due.closesAt, due.reminderOffsets, now());
        const outbound = await claimApplicationReminder(
          db,
          { ...due, following },
          due.programme.settings.timeZone,
          (recipient) => {
            const plannedAt = outsideQuietHours(now(), due.programme.settings.quietHours, recipient.timeZone);
            if (plannedAt >= due.closesAt) return [];
            return [
              {
                personId: recipient.personId,
                channelIdentityId: recipient.channelIdentityId,
                purpose: APPLICATION_REMINDER_PURPOSE,
                dedupKey: `application-reminder-${due.applicationId}-${due.nextReminderAt.toISOString()}`,
                plannedAt,
                notAfter: due.closesAt,
                payload: applicationReminderNotice(due, recipient, due.programme, { translate, defaultLanguage }),
              },
            ];
          },
          now,
        );
        reminded += outbound.length;
        if (outbound.length > 0) await queues.deliverOutbound(outbound, now());
      } catch (err) {
        // One application that cannot be reminded must not hold up the others.
        logger.error({ err, applicationId: due.applicationId }, 'could not send an application reminder');
      }
    }
    return { reminded };
  },
});
