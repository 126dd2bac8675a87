/** The viewer is signed in but may not do this (a mentor on a staff page). Rendered as a 403 page. */
export class ForbiddenError extends Error {
  override readonly name: string = 'ForbiddenError';
  readonly statusCode = 403;
}

/**
 * Not there, or not visible to this viewer: both answer 404, so that a mentor cannot learn
 * whether another mentor's mentee exists.
 */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  readonly statusCode = 404;
}

/** The request itself is wrong (a missing field, a malformed id); the message says what. */
export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
  readonly statusCode = 400;
}

/** A change sent without this session's CSRF token (forged, or from another site): 403. */
export class CsrfError extends ForbiddenError {
  override readonly name = 'CsrfError';
}
