import { z } from 'zod';
import { clearOldInboundPayloads } from '../store/inbound/clear-old-inbound-payloads.ts';
import { deleteOldRejectedEvents } from '../store/inbound/delete-old-rejected-events.ts';
import { defineJob } from './job-definition.ts';

/**
 * Privacy: the raw content of inbound messages is only needed until they are handled (answers are
 * stored on their own). After `retentionDays`, a handled event keeps its id (for deduplication of
 * late redeliveries) and its timestamps, and loses its content. Events set aside
 * (RejectedInboundEvent: a sender's id and the start of what they sent) last as long, counted from
 * their last delivery, and are then deleted.
 */
export const purgeInboundPayloads = defineJob({
  name: 'purge-inbound-payloads',
  payload: z.object({ retentionDays: z.number().int().min(1) }),
  repeat: { pattern: '30 3 * * *', timeZone: 'UTC', payload: { retentionDays: 30 } },
  handle: async ({ retentionDays }, { db, logger, now }) => {
    const before = new Date(now().getTime() - retentionDays * 24 * 60 * 60 * 1000);
    const count = await clearOldInboundPayloads(db, before);
    const rejected = await deleteOldRejectedEvents(db, before);
    logger.info({ count, rejected, before }, 'purged the content of old inbound events, and old events set aside');
    return { purged: count, rejectedDeleted: rejected };
  },
});
