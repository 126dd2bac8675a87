import type { Api } from 'grammy';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../logger.ts';
import { RateLimitedError } from '../channel-errors.ts';
import { toChannelError } from './errors.ts';
import { grammySignal } from './grammy-signal.ts';
import type { UpdateHandler } from './handle-update.ts';
import { ALLOWED_UPDATES } from './types.ts';

interface PollingOptions {
  api: Api;
  handleUpdate: UpdateHandler;
  logger: Logger;
  /** How long Telegram holds a getUpdates call open when there is nothing new. */
  longPollSeconds?: number;
  /** A pause after an empty batch, for servers that answer at once (telegram-test-api ignores `timeout`). */
  emptyBatchPauseMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface Polling {
  /** Ends the loop, interrupting a pending getUpdates; an update being recorded is recorded first. */
  stop: () => Promise<void>;
}

/**
 * Long polling (https://core.telegram.org/bots/api#getupdates), for development. The offset,
 * which tells Telegram it may forget an update, moves past an update only once the sink has
 * recorded it: when recording fails, the same updates come again on the next call.
 */
export function startPolling(options: PollingOptions): Polling {
  const controller = new AbortController();
  const loop = poll(options, controller.signal);
  return {
    stop: async () => {
      controller.abort();
      await loop;
    },
  };
}

async function poll(options: PollingOptions, signal: AbortSignal): Promise<void> {
  const {
    api,
    handleUpdate,
    logger,
    longPollSeconds = 30,
    emptyBatchPauseMs = 250,
    minBackoffMs = 1_000,
    maxBackoffMs = 30_000,
  } = options;
  let offset: number | undefined;
  let backoffMs = minBackoffMs;
  while (!signal.aborted) {
    try {
      const updates = await api.getUpdates(
        { offset, timeout: longPollSeconds, allowed_updates: [...ALLOWED_UPDATES] },
        grammySignal(signal),
      );
      for (const update of updates) {
        // Updates left unhandled are not confirmed, so Telegram gives them again to the next poller.
        if (signal.aborted) return;
        const result = await handleUpdate(update);
        // A malformed update would fail again forever: it is logged by the handler and passed over.
        if (result.status === 'malformed')
          logger.warn({ updateId: update.update_id }, 'skipping a malformed Telegram update');
        offset = update.update_id + 1;
      }
      backoffMs = minBackoffMs;
      if (updates.length === 0) await pause(emptyBatchPauseMs, signal);
    } catch (error) {
      if (signal.aborted) return;
      const failure = toChannelError(error);
      const waitMs =
        failure instanceof RateLimitedError ? Math.max(backoffMs, failure.retryAfterSeconds * 1000) : backoffMs;
      logger.error({ err: failure, retryInMs: waitMs }, 'Telegram polling failed; trying again');
      await pause(waitMs, signal);
      backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
    }
  }
}

/** Resolves after `ms`, or at once when polling stops. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, undefined, { signal }).catch(() => undefined);
}
