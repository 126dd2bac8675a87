import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelAdapter } from '../../src/channels/channel-adapter.ts';
import { deliveryJobs } from '../../src/jobs/deliver-outbound.ts';
import { startWorkers, type RunningWorkers } from '../../src/jobs/start-workers.ts';
import type { Database } from '../../src/store/database.ts';
import { addOutboundMessages } from '../../src/store/outbox/outbox.ts';
import { testJobContext } from '../support/job-context.ts';
import { waitFor } from '../support/processes.ts';
import { redisConnection, uniquePrefix } from '../support/redis.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/**
 * The platform takes a message, then PostgreSQL fails the statement that records it (an outage
 * at that instant). The send must be recorded once the database answers again, and never be
 * made a second time. The failure is made by the database handle the workers use: its next
 * `recordFailures` writes of sends fail, everything else goes to the real database.
 */
describe('a send whose record fails', () => {
  const prefix = uniquePrefix();
  const sends: { platformId: string; text: string; platformMessageId: string }[] = [];
  const telegram: ChannelAdapter = {
    name: 'telegram',
    send: async (recipient, message) => {
      const platformMessageId = `tg-${sends.length + 1}`;
      sends.push({ platformId: recipient.platformId, text: (message as { text: string }).text, platformMessageId });
      return { platformMessageId };
    },
    downloadMedia: async () => {
      throw new Error('not used here');
    },
  };
  let test: TestDatabase;
  let workers: RunningWorkers;
  let context: ReturnType<typeof testJobContext>;
  let recordFailures = 0;
  const people: { id: string; identity: string }[] = [];

  /** The real database, except that the record of a send ("status = 'sent'") fails while `recordFailures` lasts. */
  function failingRecords(db: Database): Database {
    return new Proxy(db, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property !== '$executeRaw' || typeof value !== 'function') return value;
        return (strings: TemplateStringsArray, ...values: unknown[]) => {
          if (recordFailures > 0 && strings.join('?').includes("status = 'sent'")) {
            recordFailures -= 1;
            return Promise.reject(new Error('Connection terminated unexpectedly'));
          }
          return (value as (...args: unknown[]) => unknown).call(target, strings, ...values);
        };
      },
    });
  }

  beforeAll(async () => {
    test = await createTestDatabase();
    context = testJobContext(failingRecords(test.db), prefix, { channels: { telegram } });
    workers = await startWorkers(deliveryJobs(), { connection: redisConnection(), prefix, context });
    for (const platformId of ['3001', '3002', '3003']) {
      const person = await test.db.person.create({
        data: { identities: { create: [{ channel: 'telegram', platformId }] } },
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
  });

  async function allSent(ids: string[]) {
    return waitFor(
      async () => {
        const rows = await test.db.outboundMessage.findMany({
          where: { id: { in: ids } },
          orderBy: { sequence: 'asc' },
        });
        return rows.every((row) => row.status === 'sent') ? rows : undefined;
      },
      30_000,
      'every message recorded as sent',
    );
  }

  it('records a single message later, sent once', async () => {
    sends.length = 0;
    recordFailures = 1;
    const rows = await addOutboundMessages(
      test.db,
      [
        {
          personId: people[0]!.id,
          channelIdentityId: people[0]!.identity,
          purpose: 'reply',
          payload: { kind: 'text', text: 'Bonjour' },
        },
      ],
      new Date(),
    );
    await context.queues.deliverOutbound(rows, new Date());
    const [row] = await allSent(rows.map((r) => r.id));
    expect(recordFailures).toBe(0);
    expect(sends).toEqual([{ platformId: '3001', text: 'Bonjour', platformMessageId: 'tg-1' }]);
    expect(row).toMatchObject({ status: 'sent', platformMessageId: 'tg-1', lastError: null });
  });

  it('records a batch later, each message sent once and each person in order', async () => {
    sends.length = 0;
    recordFailures = 2;
    const messages = people.flatMap((person, p) =>
      ['un', 'deux'].map((word) => ({
        personId: person.id,
        channelIdentityId: person.identity,
        purpose: 'broadcast',
        payload: { kind: 'text' as const, text: `${word} ${p}` },
      })),
    );
    const rows = await addOutboundMessages(test.db, messages, new Date());
    await context.queues.deliverOutbound(rows, new Date());
    const recorded = await allSent(rows.map((r) => r.id));
    expect(recordFailures).toBe(0);
    // One job carried them; each first message went from it (what followed an unrecorded send
    // waited for it in a job of its own).
    const firsts = recorded.filter((row) => (row.payload as { text: string }).text.startsWith('un '));
    expect(new Set(firsts.map((row) => row.claimedBy)).size).toBe(1);
    expect(firsts[0]!.claimedBy).toMatch(/^outb-/);
    expect(sends).toHaveLength(6);
    expect(new Set(sends.map((send) => send.text)).size).toBe(6);
    // Each row holds the id of the send of its own text.
    for (const row of recorded) {
      const text = (row.payload as { text: string }).text;
      expect(sends.find((send) => send.text === text)?.platformMessageId).toBe(row.platformMessageId);
    }
    for (const [p] of people.entries())
      expect(sends.filter((send) => send.text.endsWith(` ${p}`)).map((send) => send.text)).toEqual([
        `un ${p}`,
        `deux ${p}`,
      ]);
  });
});
