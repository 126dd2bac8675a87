import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token forms carry: an HMAC of the session id under the session's own secret, so it cannot
 * be guessed from outside and changes with every session.
 */
export function csrfTokenFor(session: { id: string; csrfSecret: string }): string {
  return createHmac('sha256', session.csrfSecret).update(`csrf:${session.id}`).digest('base64url');
}

/** Compares in constant time; anything missing or of the wrong shape is simply invalid. */
export function csrfTokenValid(session: { id: string; csrfSecret: string }, given: unknown): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const expected = Buffer.from(csrfTokenFor(session));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
