/** Prisma's codes for a database that cannot be reached or answered too late. */
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);

/** Whether an error says PostgreSQL could not be reached or answered too late (a page answers 503). */
export function isDatabaseUnavailable(error: { code?: unknown }): boolean {
  return typeof error.code === 'string' && UNAVAILABLE_CODES.has(error.code);
}
