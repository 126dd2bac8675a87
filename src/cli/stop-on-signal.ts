import type { Logger } from '../logger.ts';

/** How long a stop signal waits for requests and running jobs to finish before the process exits anyway. */
export const SHUTDOWN_GRACE_MS = 4000;

export interface Shutdown {
  /** Something to stop on a signal; the last added is stopped first (the runtime's connections last). */
  add: (stop: () => Promise<unknown>) => void;
  /** Whether a signal came: what fails from then on is the shutdown, not a fault. */
  readonly stopping: boolean;
}

/**
 * Stops what was started, newest first, on SIGINT or SIGTERM, then exits. The wait is bounded: with
 * Redis or PostgreSQL down, a client's reconnection loop or a queue's close can wait for ever, and a
 * process manager (or `docker stop`) expects the process gone within seconds. A second signal
 * exits at once.
 */
export function stopOnSignal(options: { logger: Logger; graceMs?: number; exit?: (code: number) => void }): Shutdown {
  const { logger, graceMs = SHUTDOWN_GRACE_MS, exit = (code) => process.exit(code) } = options;
  const stops: (() => Promise<unknown>)[] = [];
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second stop signal: exiting now');
      exit(1);
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const late = setTimeout(() => {
      logger.warn(`could not stop cleanly within ${graceMs / 1000} s (a service may be down): exiting anyway`);
      exit(1);
    }, graceMs);
    for (const stop of stops.toReversed())
      await stop().catch((err: unknown) => logger.error({ err }, 'error while stopping'));
    clearTimeout(late);
    exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  return {
    add: (stop) => stops.push(stop),
    get stopping() {
      return stopping;
    },
  };
}
