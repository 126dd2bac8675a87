import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.ts';

/** A send the platform took whose record in PostgreSQL failed. */
interface JournaledSend {
  id: string;
  platformMessageId: string;
  at: Date;
}

/** How often a worker shows that it is alive (the mtime of its `.alive` file). */
const ALIVE_EVERY_MS = 5_000;
/** A journal whose worker has not shown it is alive for this long is another worker's to replay. */
const ABANDONED_AFTER_MS = 30_000;

const FILE = /^journal-([A-Za-z0-9]+)(?:\.[A-Za-z0-9]+)?\.jsonl$/;

/**
 * A local, append-only record of sends that could not be written to PostgreSQL, so that neither a
 * Redis that loses its data nor a crash makes them be sent again. Each worker process appends to
 * a file of its own (`journal-<worker>.jsonl`), synced to disk before it goes on; it replays what
 * it holds when it starts and whenever PostgreSQL answers again, recording the sends and deleting
 * the files. A journal left by a worker that no longer runs (no sign of life for 30 s: its
 * `.alive` file is touched every 5 s) is taken over, by renaming it, by whichever worker of the
 * same directory replays first; a rename succeeds once, which is the lock.
 */
export class SendJournal {
  readonly worker = randomUUID().replaceAll('-', '');
  private readonly file: string;
  private readonly alive: string;
  /** Appends and the renaming of the own file, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private replaying: Promise<number> | undefined;
  private aliveTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
  ) {
    this.file = path.join(dir, `journal-${this.worker}.jsonl`);
    this.alive = path.join(dir, `journal-${this.worker}.alive`);
  }

  /** Creates the directory and starts showing that this worker is alive. */
  async open(): Promise<this> {
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(this.alive, '');
    } catch (error) {
      throw new Error(
        `JOURNAL_DIR ${this.dir} cannot be written: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    this.aliveTimer = setInterval(() => {
      const now = new Date();
      utimes(this.alive, now, now).catch(() =>
        writeFile(this.alive, '').catch((err: unknown) =>
          this.logger.error({ err }, 'send journal: cannot touch the alive file'),
        ),
      );
    }, ALIVE_EVERY_MS);
    this.aliveTimer.unref();
    return this;
  }

  /** Message ids the journals of this directory hold, not yet recorded (this worker's and any other's). */
  async held(): Promise<string[]> {
    const ids: string[] = [];
    for (const name of await readdir(this.dir)) {
      if (!FILE.test(name)) continue;
      const text = await readFile(path.join(this.dir, name), 'utf8').catch(() => '');
      ids.push(...parse(text, this.logger).map((send) => send.id));
    }
    return ids;
  }

  /** Appends sends and syncs them to disk; resolves once they would survive a crash. */
  async append(sends: JournaledSend[]): Promise<void> {
    if (sends.length === 0) return;
    // Each record begins with a line break: one cut short by a crash or a full disk spoils no other.
    const lines = sends
      .map(
        (send) =>
          `\n${JSON.stringify({ id: send.id, platformMessageId: send.platformMessageId, at: send.at.toISOString() })}`,
      )
      .join('');
    const write = this.queue.then(async () => {
      const handle = await open(this.file, 'a');
      try {
        await handle.appendFile(lines);
        await handle.datasync();
      } finally {
        await handle.close();
      }
    });
    this.queue = write.catch(() => {});
    await write;
  }

  /**
   * Records every send the journals of this directory hold that this worker may replay (its own,
   * and those of workers gone), never over a later status, then deletes them. Returns how many
   * sends were read. Throws when PostgreSQL fails: what was not recorded stays for the next time.
   */
  async replay(record: (sends: JournaledSend[]) => Promise<void>): Promise<number> {
    this.replaying ??= this.replayOnce(record).finally(() => (this.replaying = undefined));
    return this.replaying;
  }

  private async replayOnce(record: (sends: JournaledSend[]) => Promise<void>): Promise<number> {
    try {
      return await this.replayFiles(record);
    } catch (error) {
      if (error instanceof NotRecorded) throw error.cause;
      // The directory failing must not stop delivery (the breaker waits for a replay that succeeds).
      this.logger.error({ err: error, dir: this.dir }, 'send journal: cannot replay the journals');
      return 0;
    }
  }

  private async replayFiles(record: (sends: JournaledSend[]) => Promise<void>): Promise<number> {
    // The own file is renamed aside between two appends: what is appended from now on goes to a new one.
    await (this.queue = this.queue.then(() => this.takeOver(this.file)).catch(() => {}));
    const names = await readdir(this.dir);
    const now = Date.now();
    for (const name of names) {
      const owner = FILE.exec(name)?.[1];
      if (!owner || owner === this.worker) continue;
      const lastAlive = await stat(path.join(this.dir, `journal-${owner}.alive`)).then(
        (s) => s.mtimeMs,
        () => 0,
      );
      if (now - lastAlive < ABANDONED_AFTER_MS) continue;
      await this.takeOver(path.join(this.dir, name));
    }
    let replayed = 0;
    for (const name of await readdir(this.dir)) {
      if (FILE.exec(name)?.[1] !== this.worker || path.join(this.dir, name) === this.file) continue;
      const file = path.join(this.dir, name);
      let sends: JournaledSend[];
      try {
        sends = parse(await readFile(file, 'utf8'), this.logger);
      } catch (err) {
        // One file that cannot be read must not keep the others, nor sends, waiting: it stays for later.
        this.logger.error({ err, file }, 'send journal: cannot read a journal file');
        continue;
      }
      await record(sends).catch((error: unknown) => Promise.reject(new NotRecorded(error)));
      await unlink(file);
      replayed += sends.length;
    }
    // Workers gone whose journals are all taken over: their alive files go too.
    const left = await readdir(this.dir);
    for (const name of left) {
      const owner = /^journal-([A-Za-z0-9]+)\.alive$/.exec(name)?.[1];
      if (!owner || owner === this.worker || left.some((other) => FILE.exec(other)?.[1] === owner)) continue;
      const mtime = await stat(path.join(this.dir, name)).then(
        (s) => s.mtimeMs,
        () => now,
      );
      if (now - mtime >= ABANDONED_AFTER_MS) await unlink(path.join(this.dir, name)).catch(() => {});
    }
    if (replayed > 0) this.logger.info({ replayed }, 'sends kept in the local journal recorded');
    return replayed;
  }

  /** Renames a journal file to one of this worker's; false when it is gone (another took it). */
  private async takeOver(file: string): Promise<boolean> {
    try {
      await rename(file, path.join(this.dir, `journal-${this.worker}.${randomUUID().replaceAll('-', '')}.jsonl`));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.aliveTimer);
    await this.queue;
    // Nothing left to replay: this worker's alive file goes; otherwise it ages, and another worker takes the journal over.
    const own = (await readdir(this.dir)).some((name) => FILE.exec(name)?.[1] === this.worker);
    if (!own) await unlink(this.alive).catch(() => {});
  }
}

/** PostgreSQL failed to record what a journal file holds (as opposed to the file system failing). */
class NotRecorded extends Error {
  override readonly name = 'NotRecorded';
  constructor(override readonly cause: unknown) {
    super('the journal could not be recorded', { cause });
  }
}

function parse(text: string, logger: Logger): JournaledSend[] {
  const sends: JournaledSend[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as { id: string; platformMessageId: string; at: string };
      sends.push({ id: entry.id, platformMessageId: entry.platformMessageId, at: new Date(entry.at) });
    } catch (err) {
      // A line cut short by a crash in the middle of its write: its send was never acknowledged as kept.
      logger.warn({ err, line }, 'send journal: unreadable line skipped');
    }
  }
  return sends;
}
