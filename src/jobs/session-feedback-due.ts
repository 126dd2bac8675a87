import { z } from 'zod';
import { sessionFeedbackQuestion } from '../conversation/notices/session-feedback-question.ts';
import { outsideQuietHours } from '../domain/quiet-hours.ts';
import { feedbackQuestionNotAfter } from '../domain/sessions/session-message-expiry.ts';
import { claimSessionFeedback } from '../store/sessions/claim-session-feedback.ts';
import { listDueSessionFeedback } from '../store/sessions/list-due-session-feedback.ts';
import { defineJob } from './job-definition.ts';

const BATCH = 100;

/**
 * Every minute: after a session that asks for feedback, those who attended are asked for a
 * rating from 1 to 5 (then an optional comment, in the dialogue), out of their quiet hours. Someone
 * whose attendance is recorded later, within a day of the end, is asked then. Each person once.
 */
export const sessionFeedbackDue = defineJob({
  name: 'session-feedback-due',
  payload: z.object({}),
  repeat: { pattern: '* * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, { db, now, queues, translate, defaultLanguage, logger }) => {
    let asked = 0;
    for (const due of await listDueSessionFeedback(db, now(), BATCH)) {
      try {
        const outbound = await claimSessionFeedback(
          db,
          due.venueId,
          ({ invitationId, title, person, channelIdentityId }) => [
            {
              personId: person.id,
              channelIdentityId,
              purpose: 'session_feedback',
              dedupKey: `session-feedback-${invitationId}`,
              plannedAt: outsideQuietHours(now(), due.programme.settings.quietHours, person.timeZone),
              notAfter: feedbackQuestionNotAfter(now()),
              payload: sessionFeedbackQuestion({ id: invitationId, title }, person, due.programme, {
                translate,
                defaultLanguage,
              }),
            },
          ],
          now,
        );
        asked += outbound.length;
        if (outbound.length > 0) await queues.deliverOutbound(outbound, now());
      } catch (err) {
        logger.error({ err, venueId: due.venueId }, 'could not ask for feedback on a session');
      }
    }
    return { asked };
  },
});
