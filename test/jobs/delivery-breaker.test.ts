import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelAdapter } from '../../src/channels/channel-adapter.ts';
import { DatabaseBreaker } from '../../src/jobs/database-breaker.ts';
import { DELIVERY_CONCURRENCY, deliveryJobs } from '../../src/jobs/deliver-outbound.ts';
import { SendJournal } from '../../src/jobs/send-journal.ts';
import { startWorkers, type RunningWorkers } from '../../src/jobs/start-workers.ts';
import { createLogger } from '../../src/logger.ts';
import type { Database } from '../../src/store/database.ts';
import { addOutboundMessages } from '../../src/store/outbox/outbox.ts';
import { recordJournaledSends } from '../../src/store/outbox/record-sent-messages.ts';
import { testJobContext } from '../support/job-context.ts';
import { waitFor } from '../support/processes.ts';
import { redisConnection, uniquePrefix } from '../support/redis.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const PEOPLE = 12;

/**
 * PostgreSQL fails the records of sends (and answers no probe) while messages are going out one
 * after the other. The worker stops sending at the first failed record: only the sends already on
 * the wire then are made without a record, and those are kept in its journal on disk, recorded
 * as soon as PostgreSQL answers. Everyone gets their message once.
 */
describe('a worker that cannot record a send', () => {
  const prefix = uniquePrefix();
  const dir = mkdtempSync(path.join(tmpdir(), 'compagnon-breaker-'));
  const sends: { platformId: string; platformMessageId: string }[] = [];
  let onWire = 0;
  let recordsFail = false;
  /** Sends made, and sends on the wire, when the first record failed. */
  let atFirstFailure: { made: number; onWire: number } | undefined;
  const telegram: ChannelAdapter = {
    name: 'telegram',
    send: async (recipient) => {
      onWire += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      onWire -= 1;
      const platformMessageId = `tg-${sends.length + 1}`;
      sends.push({ platformId: recipient.platformId, platformMessageId });
      return { platformMessageId };
    },
    downloadMedia: async () => {
      throw new Error('not used here');
    },
  };
  let test: TestDatabase;
  let workers: RunningWorkers;
  let journal: SendJournal;
  let context: ReturnType<typeof testJobContext>;
  const people: { id: string; identity: string }[] = [];

  /** The real database, except that recording a send fails while `recordsFail`. */
  function failingRecords(db: Database): Database {
    return new Proxy(db, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property !== '$executeRaw' || typeof value !== 'function') return value;
        return (strings: TemplateStringsArray, ...values: unknown[]) => {
          if (recordsFail && strings.join('?').includes("status = 'sent'")) {
            atFirstFailure ??= { made: sends.length, onWire };
            return Promise.reject(new Error('Connection terminated unexpectedly'));
          }
          return (value as (...args: unknown[]) => unknown).call(target, strings, ...values);
        };
      },
    });
  }

  beforeAll(async () => {
    test = await createTestDatabase();
    const logger = createLogger({ LOG_LEVEL: 'silent' });
    journal = await new SendJournal(dir, logger).open();
    const breaker = new DatabaseBreaker({
      probe: async () => {
        if (recordsFail) throw new Error('connect ECONNREFUSED');
      },
      recover: () => journal.replay((journaled) => recordJournaledSends(test.db, journaled)),
      logger,
      probeEveryMs: 200,
    });
    context = testJobContext(failingRecords(test.db), prefix, { channels: { telegram }, breaker });
    // 10 a second: one message per job, each claimed, then waiting for its turn to be sent.
    workers = await startWorkers(deliveryJobs({ telegram: { max: 10, duration: 1000 } }), {
      connection: redisConnection(),
      prefix,
      context,
      journal,
    });
    for (let i = 0; i < PEOPLE; i += 1) {
      const person = await test.db.person.create({
        data: { identities: { create: [{ channel: 'telegram', platformId: String(5000 + i) }] } },
        include: { identities: true },
      });
      people.push({ id: person.id, identity: person.identities[0]!.id });
    }
  });

  afterAll(async () => {
    await Promise.all(workers.queues.map((queue) => queue.obliterate({ force: true })));
    await workers.close();
    await context.queues.close();
    await test.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends nothing more until PostgreSQL answers, keeps what was on the wire in its journal, and sends everything once', async () => {
    const rows = await addOutboundMessages(
      test.db,
      people.map((person) => ({
        personId: person.id,
        channelIdentityId: person.identity,
        purpose: 'broadcast',
        payload: { kind: 'text' as const, text: 'Annonce' },
      })),
      new Date(),
    );
    await context.queues.deliverOutbound(rows, new Date(), { oneByOne: true });
    await waitFor(async () => (sends.length >= 2 ? true : undefined), 10_000, 'first sends');
    recordsFail = true;
    await waitFor(async () => (atFirstFailure ? true : undefined), 10_000, 'a record failing');
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    // Only what was on the wire when the first record failed went out after it (the bound).
    const first = atFirstFailure!;
    expect(sends.length - first.made).toBeLessThanOrEqual(first.onWire);
    expect(first.onWire).toBeLessThanOrEqual(DELIVERY_CONCURRENCY);
    expect(sends.length).toBeLessThan(PEOPLE);
    // Each send made without its record is in the journal.
    const recorded = await test.db.outboundMessage.count({
      where: { id: { in: rows.map((r) => r.id) }, status: 'sent' },
    });
    expect((await journal.held()).length).toBe(sends.length - recorded);
    expect(sends.length - recorded).toBeGreaterThan(0);

    recordsFail = false;
    const done = await waitFor(
      async () => {
        const all = await test.db.outboundMessage.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
        return all.every((row) => row.status === 'sent') ? all : undefined;
      },
      20_000,
      'every message recorded as sent',
    );
    expect(sends).toHaveLength(PEOPLE);
    expect(new Set(sends.map((send) => send.platformId)).size).toBe(PEOPLE);
    expect(new Set(done.map((row) => row.platformMessageId))).toEqual(
      new Set(sends.map((send) => send.platformMessageId)),
    );
    expect(await journal.held()).toEqual([]);
  });
});
