import { DelayedError } from 'bullmq';
import { z } from 'zod';
import { broadcastWording } from '../domain/broadcast-wording.ts';
import type { Language } from '../domain/programme/language.ts';
import type { ProgrammeSettings } from '../domain/programme/programme-definition.ts';
import { segmentFilterSchema } from '../domain/segment.ts';
import { addOutboundMessages } from '../store/outbox/outbox.ts';
import { listAudience } from '../store/broadcasts/segment-query.ts';
import { defineJob } from './job-definition.ts';
import { FAN_OUT_BROADCAST_QUEUE } from './job-queues.ts';

/**
 * Turns a due broadcast into one outbox message per recipient, in their language, with the times
 * it mentions shown in their local time. The broadcast is claimed first (scheduled → sending) and
 * every message has a deterministic key, so running this twice sends each person one message.
 */
export const fanOutBroadcast = defineJob({
  name: FAN_OUT_BROADCAST_QUEUE,
  payload: z.object({ broadcastId: z.string().min(1) }),
  handle: async ({ broadcastId }, { db, now, queues, logger, job, token }) => {
    const pending = await db.broadcast.findUnique({
      where: { id: broadcastId },
      select: { status: true, scheduledAt: true },
    });
    // Queued early (rescheduled, or a clock ahead): wait for the instant rather than give up.
    if (pending?.status === 'scheduled' && pending.scheduledAt && pending.scheduledAt > now() && job && token) {
      await job.moveToDelayed(pending.scheduledAt.getTime(), token);
      throw new DelayedError();
    }
    const claimed = await db.broadcast.updateMany({
      where: { id: broadcastId, status: { in: ['scheduled', 'sending'] }, scheduledAt: { lte: now() } },
      data: { status: 'sending' },
    });
    if (claimed.count === 0) return { recipients: 0 };
    const broadcast = await db.broadcast.findUniqueOrThrow({
      where: { id: broadcastId },
      include: { segment: true, programme: { select: { settings: true, defaultLocale: true } } },
    });
    const settings = broadcast.programme.settings as unknown as ProgrammeSettings;
    const filter = segmentFilterSchema.parse(broadcast.segment.filter);
    const audience = await listAudience(db, broadcast.programmeId, filter);
    const wording = broadcastWording({
      texts: broadcast.texts as Partial<Record<Language, string>>,
      defaultLocale: broadcast.programme.defaultLocale,
      programmeZone: settings.timeZone,
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
        payload: { kind: 'text', text: wording(member).text },
      })),
      now(),
    );
    await db.broadcast.update({ where: { id: broadcastId }, data: { status: 'sent', fannedOutAt: now() } });
    await queues.deliverOutbound(rows, now());
    logger.info({ broadcastId, recipients: audience.length, queued: rows.length }, 'broadcast fanned out');
    return { recipients: audience.length };
  },
});
