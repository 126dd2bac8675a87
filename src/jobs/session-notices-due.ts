import { z } from 'zod';
import { sessionCancelledNotice } from '../conversation/notices/session-cancelled-notice.ts';
import { sessionChangeNotice } from '../conversation/notices/session-change-notice.ts';
import { waitlistPromotion } from '../conversation/notices/waitlist-promotion.ts';
import { calendarUrl } from '../domain/sessions/calendar-link.ts';
import { sessionMessageAt } from '../domain/sessions/session-message-time.ts';
import { claimCancelNotice } from '../store/sessions/claim-cancel-notice.ts';
import { claimChangeNotice } from '../store/sessions/claim-change-notice.ts';
import { claimFreedSeats } from '../store/sessions/claim-freed-seats.ts';
import { listDueSessionNotices } from '../store/sessions/list-due-session-notices.ts';
import { defineJob } from './job-definition.ts';

/**
 * Every minute: tells everyone who did not say they cannot come that their venue's time or
 * place changed, with the new details; and everyone a cancelled session was announced to that it
 * will not take place; and gives the seats a venue gained (its capacity raised) to those waiting,
 * telling them. Each notice is claimed with the message it writes, so it goes once.
 */
export const sessionNoticesDue = defineJob({
  name: 'session-notices-due',
  payload: z.object({}),
  repeat: { pattern: '* * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, context) => {
    const { db, queues, logger } = context;
    const now = context.now();
    const due = await listDueSessionNotices(db, now);
    let told = 0;
    for (const { venueId, dueAt } of due.changes) {
      try {
        const outbox = await claimChangeNotice(db, { venueId, dueAt, now }, (recipient) => ({
          personId: recipient.personId,
          channelIdentityId: recipient.channelIdentityId,
          purpose: 'session_change',
          dedupKey: `session-change-${recipient.invitationId}-${dueAt.getTime()}`,
          plannedAt: sessionMessageAt(
            now,
            recipient.programme.quietHours,
            recipient.timeZone,
            recipient.details.venue.startsAt,
          ),
          notAfter: recipient.details.venue.startsAt,
          payload: sessionChangeNotice(
            recipient.details,
            recipient,
            recipient.programme,
            context,
            context.calendar ? calendarUrl(context.calendar, recipient.invitationId) : null,
          ),
        }));
        told += outbox.length;
        await queues.deliverOutbound(outbox, now);
      } catch (err) {
        // One notice that cannot be written must not hold up the others, nor the seats.
        logger.error({ err, venueId }, 'could not send a session change notice');
      }
    }
    for (const sessionId of due.cancellations) {
      try {
        const outbox = await claimCancelNotice(db, { sessionId, now }, (recipient) => ({
          personId: recipient.personId,
          channelIdentityId: recipient.channelIdentityId,
          purpose: 'session_cancelled',
          dedupKey: `session-cancelled-${recipient.invitationId}`,
          plannedAt: sessionMessageAt(
            now,
            recipient.programme.quietHours,
            recipient.timeZone,
            recipient.details.venue.startsAt,
          ),
          // Until the end it can still save someone the trip (see session-message-expiry.ts).
          notAfter: recipient.details.venue.endsAt,
          payload: sessionCancelledNotice(recipient.details, recipient, recipient.programme, context),
        }));
        told += outbox.length;
        await queues.deliverOutbound(outbox, now);
      } catch (err) {
        // One notice that cannot be written must not hold up the others, nor the seats.
        logger.error({ err, sessionId }, 'could not send a session cancellation notice');
      }
    }
    try {
      const seats = await claimFreedSeats(db, now, ({ promoted, channelIdentityId, quietHours }) => ({
        personId: promoted.personId,
        channelIdentityId,
        purpose: 'session_waitlist',
        dedupKey: `session-seat-${promoted.invitationId}-${now.getTime()}`,
        plannedAt: sessionMessageAt(now, quietHours, promoted.recipient.timeZone, promoted.venue.startsAt),
        notAfter: promoted.venue.startsAt,
        payload: waitlistPromotion(promoted, context).payload,
      }));
      told += seats.length;
      await queues.deliverOutbound(seats, now);
    } catch (err) {
      logger.error({ err }, 'could not give freed seats to those waiting');
    }
    return { told };
  },
});
