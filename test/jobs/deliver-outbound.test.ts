import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelAdapter } from '../../src/channels/channel-adapter.ts';
import {
  InvalidRequestError,
  NetworkError,
  RateLimitedError,
  RecipientUnreachableError,
} from '../../src/channels/channel-errors.ts';
import type { OutboundPayload, Recipient } from '../../src/domain/outbound-message.ts';
import { deliveryJobs } from '../../src/jobs/deliver-outbound.ts';
import { startWorkers, type RunningWorkers } from '../../src/jobs/start-workers.ts';
import { addOutboundMessages } from '../../src/store/outbox/outbox.ts';
import { SECRET_PURPOSE } from '../../src/domain/outbound-message.ts';
import { testJobContext } from '../support/job-context.ts';
import { waitFor } from '../support/processes.ts';
import { redisConnection, uniquePrefix } from '../support/redis.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/**
 * A channel whose answers the test scripts: each send takes the next outcome (an error to
 * throw, or success), and every call is recorded with its time.
 */
function scriptedChannel(name: 'telegram' | 'whatsapp') {
  const outcomes: (Error | 'ok')[] = [];
  const calls: { recipient: Recipient; message: OutboundPayload; at: number }[] = [];
  let sentCount = 0;
  const adapter: ChannelAdapter = {
    name,
    send: async (recipient, message) => {
      calls.push({ recipient, message, at: Date.now() });
      const outcome = outcomes.shift() ?? 'ok';
      if (outcome !== 'ok') throw outcome;
      sentCount++;
      return { platformMessageId: `${name}-${sentCount}` };
    },
    downloadMedia: async () => {
      throw new Error('not used here');
    },
  };
  return { adapter, outcomes, calls };
}

describe('delivering the outbox', () => {
  const prefix = uniquePrefix();
  const telegram = scriptedChannel('telegram');
  const whatsapp = scriptedChannel('whatsapp');
  let test: TestDatabase;
  let workers: RunningWorkers;
  let context: ReturnType<typeof testJobContext>;
  let person: { id: string; telegram: string; whatsapp: string };

  beforeAll(async () => {
    test = await createTestDatabase();
    context = testJobContext(test.db, prefix, { channels: { telegram: telegram.adapter, whatsapp: whatsapp.adapter } });
    workers = await startWorkers(deliveryJobs(), { connection: redisConnection(), prefix, context });
    const created = await test.db.person.create({
      data: {
        identities: {
          create: [
            { channel: 'telegram', platformId: '1001' },
            { channel: 'whatsapp', platformId: '2250700000001', phoneNumber: '2250700000001' },
          ],
        },
      },
      include: { identities: true },
    });
    person = {
      id: created.id,
      telegram: created.identities.find((i) => i.channel === 'telegram')!.id,
      whatsapp: created.identities.find((i) => i.channel === 'whatsapp')!.id,
    };
  });

  afterAll(async () => {
    await Promise.all(workers.queues.map((queue) => queue.obliterate({ force: true })));
    await workers.close();
    await context.queues.close();
    await test.drop();
  });

  beforeEach(async () => {
    telegram.calls.length = 0;
    telegram.outcomes.length = 0;
    whatsapp.calls.length = 0;
    await test.db.channelIdentity.updateMany({ data: { unreachableAt: null, lastInboundAt: null } });
  });

  async function send(identity: string, text = 'Bonjour') {
    const [row] = await addOutboundMessages(
      test.db,
      [{ personId: person.id, channelIdentityId: identity, purpose: 'reply', payload: { kind: 'text', text } }],
      new Date(),
    );
    await context.queues.deliverOutbound([row!], new Date());
    return row!.id;
  }

  async function settled(id: string, statuses: string[] = ['sent', 'failed', 'skipped', 'held']) {
    return waitFor(
      async () => {
        const row = await test.db.outboundMessage.findUniqueOrThrow({ where: { id } });
        return statuses.includes(row.status) ? row : undefined;
      },
      20_000,
      `message ${id} settled`,
    );
  }

  it('sends a message and records the platform message id', async () => {
    const id = await send(person.telegram);
    const row = await settled(id);
    expect(row).toMatchObject({
      status: 'sent',
      platformMessageId: expect.stringMatching(/^telegram-\d+$/),
      attempts: 1,
    });
    expect(telegram.calls[0]?.recipient).toMatchObject({ channel: 'telegram', platformId: '1001' });
  });

  it('sends once when the same message is queued twice', async () => {
    const id = await send(person.telegram);
    await settled(id);
    // A second job for the same row (a sweep, a retry after a crash) finds nothing to do.
    await test.db.outboundMessage.update({ where: { id }, data: { updatedAt: new Date(0) } });
    await workers.queues[0]!.add('deliver-telegram', { messageId: id }, { jobId: `again-${id}` });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(telegram.calls).toHaveLength(1);
  });

  it('keeps no dashboard sign-in link in the outbox once it is sent', async () => {
    const link = 'https://compagnon.example.org/admin/sign-in/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    const [row] = await addOutboundMessages(
      test.db,
      [
        {
          personId: person.id,
          channelIdentityId: person.telegram,
          purpose: SECRET_PURPOSE,
          payload: { kind: 'text', text: `Votre lien : ${link}` },
        },
      ],
      new Date(),
    );
    await context.queues.deliverOutbound([row!], new Date());
    const sent = await settled(row!.id, ['sent']);
    expect((telegram.calls[0]?.message as { text: string }).text).toContain(link);
    expect(JSON.stringify(sent.payload)).not.toContain('sign-in/abc');
  });

  it('waits the retry-after a platform asks for, then sends', async () => {
    telegram.outcomes.push(new RateLimitedError(1));
    const id = await send(person.telegram);
    const row = await settled(id, ['sent']);
    expect(telegram.calls).toHaveLength(2);
    expect(telegram.calls[1]!.at - telegram.calls[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(row.attempts).toBe(2);
  });

  it('delivers a person their messages in the order they were written, even when the first must wait', async () => {
    telegram.outcomes.push(new RateLimitedError(1));
    const rows = await addOutboundMessages(
      test.db,
      ['un', 'deux', 'trois'].map((text) => ({
        personId: person.id,
        channelIdentityId: person.telegram,
        purpose: 'reply',
        payload: { kind: 'text' as const, text },
      })),
      new Date(),
    );
    // Jobs queued in reverse: order comes from the outbox, not from the queue.
    await context.queues.deliverOutbound([...rows].reverse(), new Date());
    for (const row of rows) await settled(row.id, ['sent']);
    const delivered = telegram.calls.slice(1).map((call) => (call.message as { text: string }).text);
    expect(delivered).toEqual(['un', 'deux', 'trois']);
  });

  it('spaces messages to one chat by the configured interval, across workers', async () => {
    context.chatIntervalMs = { telegram: 700 };
    try {
      const rows = await addOutboundMessages(
        test.db,
        ['a', 'b', 'c'].map((text) => ({
          personId: person.id,
          channelIdentityId: person.telegram,
          purpose: 'reply',
          payload: { kind: 'text' as const, text },
        })),
        new Date(),
      );
      await context.queues.deliverOutbound(rows, new Date());
      for (const row of rows) await settled(row.id, ['sent']);
      const gaps = telegram.calls.slice(1).map((call, i) => call.at - telegram.calls[i]!.at);
      expect(gaps.every((gap) => gap >= 650)).toBe(true);
    } finally {
      context.chatIntervalMs = {};
    }
  });

  it('marks a person who blocked the bot unreachable, and sends them nothing more', async () => {
    telegram.outcomes.push(new RecipientUnreachableError('Forbidden: bot was blocked by the user'));
    const first = await settled(await send(person.telegram));
    expect(first).toMatchObject({ status: 'skipped', lastError: expect.stringContaining('blocked') });
    const identity = await test.db.channelIdentity.findUniqueOrThrow({ where: { id: person.telegram } });
    expect(identity.unreachableAt).not.toBeNull();
    const second = await settled(await send(person.telegram));
    expect(second.status).toBe('skipped');
    expect(telegram.calls).toHaveLength(1);
  });

  it('gives up at once on a message the platform refuses', async () => {
    telegram.outcomes.push(new InvalidRequestError('Bad Request: message is too long'));
    const row = await settled(await send(person.telegram));
    expect(row).toMatchObject({ status: 'failed', lastError: 'InvalidRequestError: Bad Request: message is too long' });
    expect(telegram.calls).toHaveLength(1);
  });

  it('retries a network failure with backoff', async () => {
    telegram.outcomes.push(new NetworkError('socket hang up'));
    const row = await settled(await send(person.telegram), ['sent']);
    expect(telegram.calls).toHaveLength(2);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('holds a WhatsApp message when the 24-hour window is closed, and sends it when open', async () => {
    await test.db.channelIdentity.update({
      where: { id: person.whatsapp },
      data: { lastInboundAt: new Date(Date.now() - 25 * 3600_000) },
    });
    const held = await settled(await send(person.whatsapp));
    expect(held).toMatchObject({ status: 'held', lastError: 'WhatsApp window closed: needs a template' });
    expect(whatsapp.calls).toHaveLength(0);
    await test.db.channelIdentity.update({
      where: { id: person.whatsapp },
      data: { lastInboundAt: new Date(Date.now() - 3600_000) },
    });
    const sent = await settled(await send(person.whatsapp));
    expect(sent.status).toBe('sent');
    expect(whatsapp.calls).toHaveLength(1);
  });
});
