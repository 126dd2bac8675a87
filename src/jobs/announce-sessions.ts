import { z } from 'zod';
import { sessionAnnouncement } from '../conversation/notices/session-announcement.ts';
import { calendarUrl } from '../domain/sessions/calendar-link.ts';
import { sessionMessageAt } from '../domain/sessions/session-message-time.ts';
import { announceSession, type AnnouncementRecipient } from '../store/sessions/announce-session.ts';
import { bringAnnouncementForward } from '../store/sessions/bring-announcement-forward.ts';
import { listSessionsToAnnounce } from '../store/sessions/list-sessions-to-announce.ts';
import { defineJob, type JobContext } from './job-definition.ts';

type Context = Omit<JobContext, 'job' | 'token'>;

/**
 * Every minute: announces the sessions that are due to everyone in their audience who has not
 * had the announcement yet, at their own venue and in their own time: the first time to all,
 * then to those who join the audience later. Running it twice tells nobody twice.
 */
export const announceSessions = defineJob({
  name: 'announce-sessions',
  payload: z.object({}),
  repeat: { pattern: '* * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, context) => {
    let announced = 0;
    for (const sessionId of await listSessionsToAnnounce(context.db, context.now()))
      announced += (await announceAndQueue(context, sessionId)).announced;
    return { announced };
  },
});

/**
 * Announces a session now (bringing its announcement forward when it was set for later), for the
 * CLI and the dashboard; audited `session.announce`. Returns how many people were told now: none
 * of those told before.
 */
export async function announceSessionNow(
  context: Context,
  sessionId: string,
  actorId: string | null,
): Promise<{ announced: number }> {
  await bringAnnouncementForward(context.db, { sessionId, now: context.now(), actorId });
  return announceAndQueue(context, sessionId);
}

/**
 * Tells someone who just finished joining of the sessions already announced to their audience,
 * right away rather than at the next minute's pass.
 */
export async function announceSessionsTo(context: Context, personId: string): Promise<{ announced: number }> {
  let announced = 0;
  for (const sessionId of await listSessionsToAnnounce(context.db, context.now()))
    announced += (await announceAndQueue(context, sessionId, [personId])).announced;
  return { announced };
}

async function announceAndQueue(
  context: Context,
  sessionId: string,
  personIds?: string[],
): Promise<{ announced: number }> {
  const now = context.now();
  const { announced, outbox } = await announceSession(
    context.db,
    { sessionId, now, ...(personIds && { personIds }) },
    (recipient) => announcementMessage(recipient, now, context),
  );
  await context.queues.deliverOutbound(outbox, now);
  if (announced > 0) context.logger.info({ sessionId, announced }, 'session announced');
  return { announced };
}

function announcementMessage(
  { member, invitationId, details, programme }: AnnouncementRecipient,
  now: Date,
  context: Context,
) {
  return {
    personId: member.personId,
    channelIdentityId: member.channelIdentityId,
    purpose: 'session_announcement',
    dedupKey: `session-announcement-${invitationId}`,
    plannedAt: sessionMessageAt(now, programme.quietHours, member.timeZone, details.venue.startsAt),
    notAfter: details.venue.startsAt,
    payload: sessionAnnouncement(
      details,
      member,
      programme,
      context,
      context.calendar ? calendarUrl(context.calendar, invitationId) : null,
    ),
  };
}
