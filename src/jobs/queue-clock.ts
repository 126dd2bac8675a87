/**
 * The instant, on the queue's clock, `ms` from now. BullMQ's delays run on the machine's clock,
 * whatever the app's clock shows (a test's injected one, days ahead or behind): a job that waits
 * is moved to this instant, never to one read on the app's clock.
 */
export function queueTimeIn(ms: number): number {
  return Date.now() + Math.max(0, ms);
}
