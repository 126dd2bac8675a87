import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token forms carry: an HMAC of the session id under the session's own secret, so it cannot
 * be guessed from outside and changes with every session.
 */
export function csrfTokenFor(session: { id: string; csrfSecret: string }): string {
  return createHmac('sha256', session.csrfSecret).update(`csrf:${session.id}`).digest('base64url');
}

/**
 * Whether a form's token is the session's (`expected`, from `csrfTokenFor`). Compares in constant
 * time; anything missing or of the wrong shape is simply invalid.
 */
export function csrfTokenMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length === 0 || expected.length === 0) return false;
  const wanted = Buffer.from(expected);
  const actual = Buffer.from(given);
  return actual.length === wanted.length && timingSafeEqual(actual, wanted);
}
