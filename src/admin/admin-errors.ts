/** What an error page tells the person: a dashboard string (`namespace:key`) and its values. */
interface ShownReason {
  key: string;
  values?: Record<string, unknown>;
}

/**
 * The viewer is signed in but may not do this (a mentor on a staff page). Rendered as a 403 page;
 * the message goes to the log, `reason` (when given) is what the page says instead of the usual.
 */
export class ForbiddenError extends Error {
  override readonly name: string = 'ForbiddenError';
  readonly statusCode = 403;
  constructor(
    message: string,
    readonly reason?: ShownReason,
  ) {
    super(message);
  }
}

/**
 * The request itself is wrong (a missing field, a malformed id). The message, in English, goes to
 * the log; `reason` is what the page says, in the viewer's language.
 */
export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
  readonly statusCode = 400;
  constructor(
    message: string,
    readonly reason: ShownReason,
  ) {
    super(message);
  }
}

/** A change sent without this session's CSRF token (forged, or from another site): 403. */
export class CsrfError extends ForbiddenError {
  override readonly name = 'CsrfError';
}

/** Too many requests from one address (the sign-in links); the page says when to try again. */
export class TooManyRequestsError extends Error {
  override readonly name = 'TooManyRequestsError';
  readonly statusCode = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
