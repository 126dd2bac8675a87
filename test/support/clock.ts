/**
 * Daytime in every hub of the sample programme (10:00 in Abidjan, 11:00 in Paris, 13:00 in
 * Antananarivo), well before its first phase: outside its quiet hours (21:00–07:00) wherever its
 * people live, whatever the hour the suite runs at.
 */
export const SAMPLE_DAYTIME = new Date('2026-11-16T10:00:00Z');

/**
 * A clock that reads `start` now and runs on from there at the pace of real time, for a test app:
 * its delays and timeouts are real (BullMQ's, the waits of a test), so the clock cannot stand still,
 * but the hour it shows is the test's, not the machine's. Measured on the monotonic clock, so that
 * a faked wall clock (libfaketime) does not move it.
 */
export function clockFrom(start: Date): () => Date {
  const startedAt = performance.now();
  return () => new Date(start.getTime() + Math.round(performance.now() - startedAt));
}
