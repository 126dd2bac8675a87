import { createHmac } from 'node:crypto';

/**
 * JSON serialised as Meta serialises webhook bodies: every non-ASCII UTF-16 unit escaped as
 * \uXXXX (lower-case hex, emoji as surrogate pairs) and slashes as \/. The bytes differ from
 * JSON.stringify's, which is the point: a signature checked on re-serialised JSON fails.
 */
export function metaJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[^\0-~]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/');
}

/** X-Hub-Signature-256 as Meta sends it: HMAC-SHA256 of the exact bytes, keyed by the app secret. */
export function signAsMeta(body: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}
