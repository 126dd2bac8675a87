import type { Api } from 'grammy';

type GrammySignal = NonNullable<Parameters<Api['getUpdates']>[1]>;

/**
 * grammY types its signals as the `abort-controller` polyfill's, but only ever calls
 * addEventListener on them, which Node's own AbortSignal has: the cast is only for the compiler.
 */
export function grammySignal(signal: AbortSignal): GrammySignal {
  return signal as unknown as GrammySignal;
}
