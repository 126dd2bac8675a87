import { DelayedError } from 'bullmq';
import { z } from 'zod';
import {
  ChannelError,
  RateLimitedError,
  RecipientUnreachableError,
  WindowClosedError,
} from '../channels/channel-errors.ts';
import type { OutboundPayload } from '../domain/outbound-message.ts';
import { isWindowOpen } from '../domain/whatsapp-window.ts';
import { defineJob } from './job-definition.ts';
import { DELIVER_OUTBOUND_QUEUE } from './job-queues.ts';

/**
 * Sends one outbox message through its channel, once: the row is claimed (queued → sending)
 * before the send and the platform's message id recorded after it, so a second job for the
 * same message finds nothing to do. What each platform error means is decided here, in one place.
 */
export const deliverOutbound = defineJob({
  name: DELIVER_OUTBOUND_QUEUE,
  payload: z.object({ messageId: z.string().min(1) }),
  concurrency: 16,
  handle: async ({ messageId }, context) => {
    const { db, now } = context;
    const claimed = await db.outboundMessage.updateMany({
      where: { id: messageId, status: 'queued' },
      data: { status: 'sending', attempts: { increment: 1 } },
    });
    if (claimed.count === 0) return { outcome: 'not-queued' };
    const message = await db.outboundMessage.findUniqueOrThrow({
      where: { id: messageId },
      include: { channelIdentity: true },
    });
    const identity = message.channelIdentity;
    const payload = message.payload as unknown as OutboundPayload;
    const finish = (status: 'sent' | 'failed' | 'skipped' | 'held' | 'queued', extra: Record<string, unknown> = {}) =>
      db.outboundMessage.update({ where: { id: messageId }, data: { status, ...extra } });

    const adapter = context.channels[message.channel];
    if (!adapter) {
      await finish('failed', { failedAt: now(), lastError: `the ${message.channel} channel is not configured` });
      return { outcome: 'failed' };
    }
    if (identity.unreachableAt) {
      await finish('skipped', { lastError: `recipient unreachable since ${identity.unreachableAt.toISOString()}` });
      return { outcome: 'skipped' };
    }
    if (message.channel === 'whatsapp' && payload.kind !== 'template' && !isWindowOpen(identity.lastInboundAt, now())) {
      await finish('held', { lastError: 'WhatsApp window closed: needs a template' });
      return { outcome: 'held' };
    }

    try {
      const sent = await adapter.send(
        { channel: identity.channel, platformId: identity.platformId, phoneNumber: identity.phoneNumber },
        payload,
      );
      await finish('sent', { platformMessageId: sent.platformMessageId, sentAt: now(), lastError: null });
      return { outcome: 'sent' };
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (error instanceof RateLimitedError && context.job && context.token) {
        // Honour the platform's retry-after: never sooner. The job waits, it does not count as a failure.
        await finish('queued', { lastError: reason });
        await context.job.moveToDelayed(now().getTime() + error.retryAfterSeconds * 1000, context.token);
        throw new DelayedError();
      }
      if (error instanceof RecipientUnreachableError) {
        await db.channelIdentity.update({ where: { id: identity.id }, data: { unreachableAt: now() } });
        await finish('skipped', { lastError: reason });
        return { outcome: 'skipped' };
      }
      if (error instanceof WindowClosedError) {
        await finish('held', { lastError: reason });
        return { outcome: 'held' };
      }
      const retryable = !(error instanceof ChannelError) || error.retryable;
      const attempts = context.job?.opts.attempts ?? 1;
      const lastAttempt = (context.job?.attemptsMade ?? 0) + 1 >= attempts;
      if (!retryable || lastAttempt) {
        await finish('failed', { failedAt: now(), lastError: reason });
        return { outcome: 'failed' };
      }
      await finish('queued', { lastError: reason });
      throw error;
    }
  },
});
