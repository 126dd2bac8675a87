import {
  ChannelError,
  RateLimitedError,
  RecipientUnreachableError,
  WindowClosedError,
} from '../channels/channel-errors.ts';
import type { ClaimedMessage } from '../store/outbox/claim-outbound-message.ts';
import type { FinishedStatus } from '../store/outbox/finish-outbound-message.ts';
import { markIdentityUnreachable } from '../store/outbox/mark-identity-unreachable.ts';
import type { JobContext } from './job-definition.ts';
import type { SendResult } from './send-claimed.ts';

/** Ends the try of the message being sent (see finishOutboundMessage). */
export type Finish = (status: FinishedStatus, extra?: { failedAt?: Date; lastError?: string }) => Promise<void>;

/** What a platform's refusal means for the message: wait, retry, hold, or give up. */
export async function handleSendError(
  error: unknown,
  context: JobContext,
  message: ClaimedMessage,
  finish: Finish,
  lastAttempt: boolean,
): Promise<SendResult> {
  const { db, now } = context;
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (error instanceof RateLimitedError) {
    await context.queues.count('rate_limited', message.channel).catch(() => {});
    await finish('queued', { lastError: reason });
    return { outcome: 'retry', afterMs: error.retryAfterSeconds * 1000, error };
  }
  if (error instanceof RecipientUnreachableError) {
    await markIdentityUnreachable(db, message.identity.id, now());
    await finish('skipped', { lastError: reason });
    return { outcome: 'skipped' };
  }
  if (error instanceof WindowClosedError) {
    await finish('held', { lastError: reason });
    return { outcome: 'held' };
  }
  const retryable = !(error instanceof ChannelError) || error.retryable;
  if (!retryable || lastAttempt) {
    await context.queues.count('failed', message.channel).catch(() => {});
    await finish('failed', { failedAt: now(), lastError: reason });
    context.logger.warn({ messageId: message.id, err: error }, 'message not delivered');
    return { outcome: 'failed' };
  }
  await finish('queued', { lastError: reason });
  return { outcome: 'retry', afterMs: null, error };
}
