/**
 * Platform failures, translated at the edge into the few cases the delivery worker acts on:
 * wait and retry (rate-limited, network), give up on the person (unreachable), give up on the
 * message (invalid request), or hold it for a template (WhatsApp window closed).
 */
export abstract class ChannelError extends Error {
  /** Whether sending the same message again later may succeed. */
  abstract readonly retryable: boolean;
}

/** The platform said "too many requests"; do not try again before `retryAfterSeconds`. */
export class RateLimitedError extends ChannelError {
  override readonly name = 'RateLimitedError';
  readonly retryable = true;
  constructor(
    readonly retryAfterSeconds: number,
    message = `rate-limited; retry after ${retryAfterSeconds} s`,
  ) {
    super(message);
  }
}

/** The person cannot be reached on this channel (blocked the bot, left WhatsApp…): stop sending. */
export class RecipientUnreachableError extends ChannelError {
  override readonly name = 'RecipientUnreachableError';
  readonly retryable = false;
}

/** The platform refused the message itself; sending it again would fail again. */
export class InvalidRequestError extends ChannelError {
  override readonly name = 'InvalidRequestError';
  readonly retryable = false;
}

/** The platform could not be reached, or failed on its side; worth retrying. */
export class NetworkError extends ChannelError {
  override readonly name = 'NetworkError';
  readonly retryable = true;
}

/** WhatsApp: free-form messages need the 24-hour window, which is closed; send a template instead. */
export class WindowClosedError extends ChannelError {
  override readonly name = 'WindowClosedError';
  readonly retryable = false;
}

/** A media file is larger than MEDIA_MAX_BYTES, or of a type that cannot be used. */
export class MediaRejectedError extends ChannelError {
  override readonly name = 'MediaRejectedError';
  readonly retryable = false;
  constructor(
    message: string,
    readonly reason: 'too-large' | 'unreadable' = 'unreadable',
  ) {
    super(message);
  }
}
