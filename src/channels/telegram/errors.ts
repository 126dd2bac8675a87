import { GrammyError, HttpError } from 'grammy';
import {
  InvalidRequestError,
  NetworkError,
  RateLimitedError,
  RecipientUnreachableError,
  type ChannelError,
} from '../channel-errors.ts';

/** Telegram nearly always says how long to wait; when it does not, wait this long. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

/** 400 descriptions that mean the person, not the message, is the problem. */
const UNREACHABLE_DESCRIPTIONS = /chat not found|user not found|PEER_ID_INVALID/i;

/**
 * Translates what grammY throws into the channel errors the delivery worker acts on
 * (https://core.telegram.org/bots/api#making-requests). Anything else, a bug of ours, is
 * returned as it is rather than disguised.
 */
export function toChannelError(error: GrammyError | HttpError): ChannelError;
export function toChannelError(error: unknown): unknown;
export function toChannelError(error: unknown): unknown {
  if (error instanceof HttpError)
    return new NetworkError(`Telegram could not be reached: ${error.message}`, { cause: error });
  if (!(error instanceof GrammyError)) return error;
  const code = error.error_code;
  // The GrammyError is not kept as the cause: its payload holds the message text, which has no place in logs.
  const what = `Telegram ${error.method}: ${code ?? 'no error code'} ${error.description ?? ''}`.trim();
  if (code === 429) return new RateLimitedError(error.parameters?.retry_after ?? DEFAULT_RETRY_AFTER_SECONDS, what);
  // Blocked by the user, user deactivated, kicked from the chat: nobody to send to any more.
  if (code === 403) return new RecipientUnreachableError(what);
  if (code === 400 && UNREACHABLE_DESCRIPTIONS.test(error.description ?? ''))
    return new RecipientUnreachableError(what);
  // 401 and 404 mean the bot token is wrong: every message would fail, so keep them for when it is fixed.
  if (code === 401 || code === 404) return new NetworkError(`${what} (is TELEGRAM_BOT_TOKEN right?)`);
  if (code !== undefined && code >= 400 && code < 500) return new InvalidRequestError(what);
  // 5xx, or JSON that is not a Bot API answer (no error code): the other side failed.
  return new NetworkError(what);
}

/** Runs a Bot API call, throwing channel errors instead of grammY's. */
export async function callTelegram<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toChannelError(error);
  }
}
