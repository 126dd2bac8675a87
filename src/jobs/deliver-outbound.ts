import { DelayedError } from 'bullmq';
import { CHANNEL_NAMES, type ChannelName } from '../domain/inbound-event.ts';
import { claimOutboundMessage } from '../store/outbox/claim-outbound-message.ts';
import { findDeliveryBlocker } from '../store/outbox/find-delivery-blocker.ts';
import { recordSent } from '../store/outbox/record-sent-messages.ts';
import { claiming, giveBack, tripping } from './breaker-guards.ts';
import { PROBE_EVERY_MS } from './database-breaker.ts';
import { deliverBatch } from './deliver-batch.ts';
import { paceMs, type SendLimit } from './delivery-pace.ts';
import { deliveryPayload, type DeliveryPayload } from './delivery-payload.ts';
import { channelOf, chatInterval, orderRule } from './delivery-turns.ts';
import { defineJob, type JobContext } from './job-definition.ts';
import { deliveryQueueName } from './job-queues.ts';
import { keepSends } from './keep-sends.ts';
import { sendClaimed } from './send-claimed.ts';
import { queueTimeIn } from './queue-clock.ts';

/** How often a message waiting for an earlier one to the same person checks again. */
const WAIT_FOR_EARLIER_MS = 200;

/** Delivery jobs a worker runs at once: enough for their claims and records to go together (see claim-outbound-message.ts). */
export const DELIVERY_CONCURRENCY = 64;

/**
 * Sends outbox messages through their channel, once: each row is claimed (queued → sending)
 * before the send and the platform's message id recorded after it, so a second job for the
 * same message finds nothing to do. A job carries one message or a batch of them (a broadcast,
 * a release: one job per person would spend more on the queue than on the send). What each
 * platform error means is decided here, in one place.
 */
function deliveryJob(channel: ChannelName, limiter?: SendLimit) {
  return defineJob({
    name: deliveryQueueName(channel),
    payload: deliveryPayload,
    concurrency: DELIVERY_CONCURRENCY,
    // The limit is kept by spacing the sends (see delivery-pace.ts); the queue's own limiter, which
    // lets jobs start in bursts and restarts its window late, only keeps a margin of jobs ready.
    ...(limiter && { limiter: { max: limiter.max * 2, duration: limiter.duration } }),
    handle: async (payload, context) => {
      const pace = paceMs(limiter);
      // PostgreSQL cannot record sends right now: none starts in this process until it can.
      if (context.breaker?.isOpen) {
        if (!context.job || !context.token) throw new Error('PostgreSQL is away: sends wait until it answers');
        await context.job.moveToDelayed(queueTimeIn(PROBE_EVERY_MS), context.token);
        throw new DelayedError();
      }
      // Sends an earlier run could not record: record them first, and never send them again.
      try {
        for (const [id, sent] of Object.entries(payload.sent ?? {}))
          await recordSent(context.db, id, sent.platformMessageId, new Date(sent.at));
      } catch (error) {
        context.breaker?.trip(error);
        context.logger.warn({ err: error }, 'could not record the sends this job keeps yet');
        return keepSends(payload, {}, payload.messageIds ?? [], context);
      }
      if (payload.messageIds) return deliverBatch(payload, payload.messageIds, context, pace > 0);
      const messageId = payload.messageId!;
      if (payload.sent?.[messageId]) return { outcome: 'sent' };
      return deliver(payload, messageId, context, pace);
    },
  });
}

/** The delivery jobs of every channel, each queue with its platform's rate limit. */
export function deliveryJobs(limits: Partial<Record<ChannelName, SendLimit>> = {}) {
  return CHANNEL_NAMES.map((channel) => deliveryJob(channel, limits[channel]));
}

/** One message. */
async function deliver(payload: DeliveryPayload, messageId: string, context: JobContext, paceMs: number) {
  const { db, now } = context;
  const claimant = context.job?.id ?? null;
  const canWait = Boolean(context.job && context.token);
  const order = orderRule(now());
  const wait = async (ms: number): Promise<never> => {
    await context.job!.moveToDelayed(queueTimeIn(ms), context.token);
    throw new DelayedError();
  };
  // One chat at a time: at most one message per interval to the same person (Telegram ~1/s per chat).
  // The slot is reserved only for a message that may go now, so a waiting one takes no one's turn.
  const interval = canWait ? chatInterval(context) : 0;
  if (interval > 0) {
    const { blocker, channelIdentityId } = await tripping(
      context,
      findDeliveryBlocker(db, { id: messageId, claimant, order }),
    );
    if (blocker === 'done') return { outcome: 'not-queued' };
    if (blocker === 'earlier') return wait(WAIT_FOR_EARLIER_MS);
    const slot = await context.queues.reserveChatSlot(channelOf(context), channelIdentityId, interval);
    if (slot > 0) return wait(slot);
  }
  // Claimed (queued → sending) before the send, in one statement that also reads the recipient.
  // The same job run again after its worker died mid-send may claim it again: the send may or may
  // not have reached the platform; sending again risks a duplicate, not sending a loss: we send.
  const claim = { id: messageId, claimant, at: order.now };
  const message = await claiming(
    context,
    claim,
    claimOutboundMessage(db, { id: messageId, claimant, order, inOrder: canWait }),
  );
  if (!message) {
    // A person receives their messages in the order they were written: wait for earlier ones.
    // Nothing in the way now means the earlier one went out since the claim: try again shortly.
    const { blocker } = canWait
      ? await findDeliveryBlocker(db, { id: messageId, claimant, order })
      : { blocker: 'done' };
    if (blocker !== 'done') return wait(WAIT_FOR_EARLIER_MS);
    return { outcome: 'not-queued' };
  }
  const attempts = context.job?.opts.attempts ?? 1;
  const lastAttempt = (context.job?.attemptsMade ?? 0) + 1 >= attempts;
  const result = await sendClaimed(message, context, paceMs, lastAttempt);
  switch (result.outcome) {
    case 'paused':
      // Not sent: the claim is given back once PostgreSQL answers, and the job comes back then.
      giveBack(context, claim);
      if (canWait) return wait(PROBE_EVERY_MS);
      throw new Error('PostgreSQL is away: not sent');
    case 'retry':
      // Honour the platform's retry-after: never sooner. Waiting does not count as a failed attempt.
      if (result.afterMs !== null && canWait) return wait(result.afterMs);
      throw result.error;
    case 'unrecorded':
      return keepSends(payload, { [message.id]: result.sent }, [], context);
    default:
      return { outcome: result.outcome };
  }
}
