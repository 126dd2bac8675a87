import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, isListening, stopProcess, waitFor } from './processes.ts';

/**
 * A redis-server of the test's own that can be stopped and started again on the same port:
 * with append-only persistence (as docker-compose runs it, so queues survive a restart) or
 * without (a restart loses every queue and job schedule).
 */
export class RedisServer {
  private process: ChildProcess | undefined;
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'compagnon-redis-'));
  port = 0;

  constructor(private readonly options: { persistence: boolean }) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.process !== undefined && this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Starts the server (on the port it had before, when restarted) and waits until it accepts connections. */
  async start(): Promise<this> {
    if (this.port === 0) this.port = await freePort();
    const persistence = this.options.persistence
      ? ['--appendonly', 'yes', '--appendfsync', 'everysec']
      : ['--appendonly', 'no'];
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', ...persistence],
      { stdio: 'ignore' },
    );
    const started = this.process;
    await waitFor(
      async () => {
        if (started.exitCode !== null) throw new Error(`redis-server exited with code ${started.exitCode}`);
        return (await isListening(this.port)) ? true : undefined;
      },
      15_000,
      `redis-server on port ${this.port}`,
    );
    return this;
  }

  /** Shuts the server down (SIGTERM: with persistence, it writes its append-only file first). */
  async stop(): Promise<void> {
    if (this.process) await stopProcess(this.process);
  }

  /** Stops the server for good and removes its files. */
  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
