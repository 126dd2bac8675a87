import { inspect } from 'node:util';
import type { ErrorRegistry } from '@prisma/driver-adapter-utils';
import type { DatabaseTarget as Target } from './parse-database-url.ts';

/** Adapter errors reach us as "External error id#N"; put the original message back. */
export function engineError(what: string, target: Target, error: unknown, registry: ErrorRegistry): Error {
  const raw = error instanceof Error ? error.message : String(error);
  const id = /External error id#(\d+)/.exec(raw)?.[1];
  const original = id === undefined ? undefined : registry.consumeError(Number(id))?.error;
  // Otherwise drop the engine's span trace ("   0: schema_engine_wasm::…"), noise to a reader.
  const message =
    original !== undefined
      ? original instanceof Error
        ? original.message
        : inspect(original)
      : raw
          .split(/\n\s+0: /)[0]!
          .replace(/^external connector error\n/, '')
          .trim();
  return new Error(`${what} on ${target.host}:${target.port}/${target.database} failed: ${message}`, {
    cause: original ?? error,
  });
}
