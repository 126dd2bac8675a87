import { z } from 'zod';
import { sessionReminderNotice } from '../conversation/notices/session-reminder.ts';
import { nextReminder } from '../domain/plan-submission.ts';
import { sessionReminderInstant } from '../domain/sessions/session-reminder-timing.ts';
import { claimSessionReminder } from '../store/sessions/claim-session-reminder.ts';
import { listDueSessionReminders } from '../store/sessions/list-due-session-reminders.ts';
import { defineJob } from './job-definition.ts';

const BATCH = 200;

/**
 * Every minute: the reminders of sessions, at their offsets before each venue's start, to those
 * who said yes or maybe (the first a person gets also to them if they have not answered, with the RSVP buttons).
 * Each venue's reminder is claimed by moving `nextReminderAt` on with a conditional update, so it
 * goes once however many workers run. Quiet hours hold it unless that would bring it after the start.
 */
export const sessionRemindersDue = defineJob({
  name: 'session-reminders-due',
  payload: z.object({}),
  repeat: { pattern: '* * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, { db, now, queues, translate, defaultLanguage, logger }) => {
    let reminded = 0;
    for (const due of await listDueSessionReminders(db, now(), BATCH)) {
      try {
        const following = nextReminder(due.startsAt, due.reminderOffsets, now());
        // Found late, after the start (the workers were down): the reminder is dropped, not sent.
        const late = due.startsAt.getTime() <= now().getTime();
        const outbound = await claimSessionReminder(
          db,
          { venueId: due.venueId, nextReminderAt: due.nextReminderAt, following },
          ({ details, person, channelIdentityId, askRsvp }) => {
            if (late) return [];
            const plannedAt = sessionReminderInstant(
              now(),
              due.startsAt,
              due.programme.settings.quietHours,
              person.timeZone,
            );
            return [
              {
                personId: person.id,
                channelIdentityId,
                purpose: 'session_reminder',
                dedupKey: `session-reminder-${details.invitationId}-${due.nextReminderAt.toISOString()}`,
                plannedAt,
                notAfter: due.startsAt,
                payload: sessionReminderNotice(
                  details,
                  { recipient: person, programme: due.programme, sentAt: plannedAt, askRsvp },
                  { translate, defaultLanguage },
                ),
              },
            ];
          },
          now,
        );
        reminded += outbound.length;
        if (outbound.length > 0) await queues.deliverOutbound(outbound, now());
      } catch (err) {
        // One venue that cannot be reminded must not hold up the others.
        logger.error({ err, venueId: due.venueId }, 'could not send a session reminder');
      }
    }
    return { reminded };
  },
});
