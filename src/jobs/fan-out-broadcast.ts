import { DelayedError } from 'bullmq';
import { z } from 'zod';
import { broadcastWording } from '../domain/broadcast-wording.ts';
import { personLanguage } from '../domain/person-language.ts';
import { claimBroadcastFanOut } from '../store/broadcasts/claim-broadcast-fan-out.ts';
import { markBroadcastFannedOut } from '../store/broadcasts/mark-broadcast-fanned-out.ts';
import { readBroadcastSchedule } from '../store/broadcasts/read-broadcast-schedule.ts';
import { listAudience } from '../store/broadcasts/segment-query.ts';
import { addOutboundMessages } from '../store/outbox/outbox.ts';
import { defineJob } from './job-definition.ts';
import { FAN_OUT_BROADCAST_QUEUE } from './job-queues.ts';
import { queueTimeIn } from './queue-clock.ts';

/**
 * Turns a due broadcast into one outbox message per recipient, in their language, with the times
 * it mentions (in the zone the author chose) shown in their local time. The broadcast is claimed first (scheduled → sending) and
 * every message has a deterministic key, so running this twice sends each person one message.
 */
export const fanOutBroadcast = defineJob({
  name: FAN_OUT_BROADCAST_QUEUE,
  payload: z.object({ broadcastId: z.string().min(1) }),
  handle: async ({ broadcastId }, { db, now, queues, logger, job, token, defaultLanguage }) => {
    const pending = await readBroadcastSchedule(db, broadcastId);
    // Queued early (rescheduled, or a clock ahead): wait for the instant rather than give up.
    if (pending?.status === 'scheduled' && pending.scheduledAt && pending.scheduledAt > now() && job && token) {
      await job.moveToDelayed(queueTimeIn(pending.scheduledAt.getTime() - now().getTime()), token);
      throw new DelayedError();
    }
    const broadcast = await claimBroadcastFanOut(db, broadcastId, now());
    if (!broadcast) return { recipients: 0 };
    const audience = await listAudience(db, broadcast.programmeId, broadcast.filter);
    const wording = broadcastWording({
      texts: broadcast.texts,
      fallbackLanguage: personLanguage({ locale: null }, broadcast.programme, defaultLanguage),
      timesZone: broadcast.timesZone,
      sendsAt: broadcast.scheduledAt ?? now(),
    });
    const rows = await addOutboundMessages(
      db,
      audience.map((member) => ({
        personId: member.personId,
        channelIdentityId: member.channelIdentityId,
        purpose: 'broadcast',
        broadcastId,
        dedupKey: `broadcast-${broadcastId}-${member.personId}`,
        payload: {
          kind: 'text',
          // Their language by the one rule; the wording falls back to the programme's when the broadcast lacks it.
          text: wording({
            locale: personLanguage(member, broadcast.programme, defaultLanguage),
            timeZone: member.timeZone,
          }).text,
        },
      })),
      now(),
    );
    await markBroadcastFannedOut(db, broadcastId, now());
    await queues.deliverOutbound(rows, now());
    logger.info({ broadcastId, recipients: audience.length, queued: rows.length }, 'broadcast fanned out');
    return { recipients: audience.length };
  },
});
