import { createHash, randomBytes } from 'node:crypto';

/** A random 32-byte token, URL-safe; given to a person once, never stored as it is. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of a token: its SHA-256, so a copy of the database signs nobody in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
