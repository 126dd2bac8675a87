import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * Whether `X-Hub-Signature-256: sha256=<hex>` is the HMAC-SHA256 of the body, keyed by the app
 * secret. Computed on the bytes exactly as received: Meta signs its own serialisation (with
 * non-ASCII characters escaped as \uXXXX and slashes as \/), which re-serialised JSON would not
 * reproduce. Done here rather than with whatsapp-api-js's verifyRequestSignature, which takes a
 * decoded string and re-escapes it before hashing, so a body that holds raw UTF-8 fails.
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started (Validate Payloads)
 */
export function isSignedByMeta(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  const given = header === undefined ? undefined : SIGNATURE.exec(header.trim())?.[1];
  if (!given) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

/** Compares two secrets without leaking, through timing, how much of them matched. */
export function secretsMatch(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
