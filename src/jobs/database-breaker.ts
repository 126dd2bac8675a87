import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger.ts';

/** How often an open breaker asks PostgreSQL whether it answers again. */
export const PROBE_EVERY_MS = 1_000;

/**
 * Stops a worker process from starting sends once it could not write to PostgreSQL (a claim or
 * the record of a send failed): every send it started after that could not be recorded either.
 * Open, it asks PostgreSQL every second; when PostgreSQL answers, `recover` runs (the journal
 * replay) and sends start again. So a worker loses track of at most the sends it had on the wire
 * when the database went away.
 */
export class DatabaseBreaker {
  private probing: Promise<void> | undefined;
  private stopped = false;
  private readonly afterRecovery: (() => Promise<unknown>)[] = [];

  constructor(
    private readonly options: {
      /** Resolves when PostgreSQL answers (SELECT 1). */
      probe: () => Promise<unknown>;
      /** Runs before sends start again; the breaker stays open while it fails. */
      recover?: () => Promise<unknown>;
      logger: Logger;
      probeEveryMs?: number;
    },
  ) {}

  /** True while sends must not start. */
  get isOpen(): boolean {
    return this.probing !== undefined;
  }

  /** PostgreSQL failed a write: no send starts until it answers again. */
  trip(error: unknown): void {
    if (this.probing) return;
    this.options.logger.warn({ err: error }, 'PostgreSQL failed a delivery write: sends stop until it answers again');
    this.probing = this.probeUntilBack().finally(() => (this.probing = undefined));
  }

  /** A write to make once PostgreSQL answers, before sends start again (tried once; the sweep repairs what it misses). */
  whenBack(task: () => Promise<unknown>): void {
    if (this.probing) this.afterRecovery.push(task);
    else void task().catch((err: unknown) => this.options.logger.warn({ err }, 'could not give back a claim'));
  }

  /** Resolves when the breaker is closed (at once when it is). */
  async closed(): Promise<void> {
    await this.probing;
  }

  /** Stops probing (the worker is closing). */
  stop(): void {
    this.stopped = true;
  }

  private async probeUntilBack(): Promise<void> {
    const every = this.options.probeEveryMs ?? PROBE_EVERY_MS;
    while (!this.stopped) {
      await sleep(every);
      try {
        await this.options.probe();
        await this.options.recover?.();
        for (const task of this.afterRecovery.splice(0))
          await task().catch((err: unknown) => this.options.logger.warn({ err }, 'could not give back a claim'));
        this.options.logger.info('PostgreSQL answers again: sends start again');
        return;
      } catch (err) {
        this.options.logger.debug({ err }, 'PostgreSQL still away');
      }
    }
  }
}
