import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh key for a simulator started without SIMULATOR_KEY: 32 random bytes, URL-safe. */
export function newSimulatorKey(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Whether `given` is the simulator's key, in a time that does not depend on where they differ.
 * Both sides are hashed first, so that their lengths do not show either.
 */
export function simulatorKeyMatches(key: string, given: unknown): boolean {
  if (typeof given !== 'string' || given === '') return false;
  return timingSafeEqual(digest(key), digest(given));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** The address to open the simulator with, as printed once at start-up; a key set in SIMULATOR_KEY is only named. */
export function simulatorLink(base: string, key: string | null): string {
  return `${base.replace(/\/+$/, '')}/simulator?key=${key === null ? '<SIMULATOR_KEY>' : encodeURIComponent(key)}`;
}
