import { setTimeout as sleep } from 'node:timers/promises';
import { CHANNEL_NAMES, type ChannelName } from '../domain/inbound-event.ts';
import type { OrderRule } from '../store/outbox/claim-outbound-message.ts';
import type { JobContext } from './job-definition.ts';

/** A message "sending" for longer than this was interrupted; it no longer holds the ones after it, and the sweep looks at it. */
export const STUCK_SENDING_MS = 2 * 60 * 1000;

/** A batch waits this long at most for a chat's turn; a longer wait goes to a job of its own. */
const MAX_BATCH_WAIT_MS = 3_000;

/** Which messages count as earlier and still on their way, at `now`. */
export function orderRule(now: Date): OrderRule {
  return { now, stuckBefore: new Date(now.getTime() - STUCK_SENDING_MS) };
}

/**
 * How long the next message to this chat must wait for its turn (Telegram ~1/s per chat): 0 when
 * it may go now, after waiting here for a turn that is close.
 */
export async function chatTurn(context: JobContext, channelIdentityId: string): Promise<number> {
  const interval = chatInterval(context);
  if (interval <= 0) return 0;
  for (;;) {
    const wait = await context.queues.reserveChatSlot(channelOf(context), channelIdentityId, interval);
    if (wait === 0 || wait > MAX_BATCH_WAIT_MS) return wait;
    await sleep(wait);
  }
}

/** Least time between two messages to one chat on this job's channel; none when not run by a worker. */
export function chatInterval(context: JobContext): number {
  return context.job && context.token ? (context.chatIntervalMs?.[channelOf(context)] ?? 0) : 0;
}

/** The channel of the delivery queue this job runs on (deliver-<channel>). */
export function channelOf(context: JobContext): ChannelName {
  const name = context.job?.queueName.replace(/^deliver-/, '');
  return (CHANNEL_NAMES as readonly string[]).includes(name ?? '') ? (name as ChannelName) : 'simulator';
}
