import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelAdapter } from '../../src/channels/channel-adapter.ts';
import type { OutboundPayload } from '../../src/domain/outbound-message.ts';
import { deliveryJobs } from '../../src/jobs/deliver-outbound.ts';
import { startWorkers, type RunningWorkers } from '../../src/jobs/start-workers.ts';
import { addOutboundMessages, type NewOutboundMessage } from '../../src/store/outbox/outbox.ts';
import { releaseHeldMessages } from '../../src/store/outbox/release-held-messages.ts';
import { testJobContext } from '../support/job-context.ts';
import { waitFor } from '../support/processes.ts';
import { redisConnection, uniquePrefix } from '../support/redis.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const text = (body: string): OutboundPayload => ({ kind: 'text', text: body });

/**
 * A message about a session means nothing once the session has started: past its `notAfter` it is
 * skipped, whether it waited for the end of the quiet hours or for its person to write, and what
 * comes after it to the same person goes as usual.
 */
describe('messages past their notAfter', () => {
  const prefix = uniquePrefix();
  const sent: string[] = [];
  const telegram: ChannelAdapter = {
    name: 'telegram',
    send: async (_recipient, message) => {
      sent.push((message as { text: string }).text);
      return { platformMessageId: `telegram-${sent.length}` };
    },
    downloadMedia: async () => {
      throw new Error('not used here');
    },
  };
  let test: TestDatabase;
  let workers: RunningWorkers;
  let context: ReturnType<typeof testJobContext>;
  let person: { id: string; identityId: string };

  beforeAll(async () => {
    test = await createTestDatabase();
    context = testJobContext(test.db, prefix, { channels: { telegram } });
    workers = await startWorkers(deliveryJobs(), { connection: redisConnection(), prefix, context });
    const created = await test.db.person.create({
      data: { identities: { create: [{ channel: 'telegram', platformId: '3001' }] } },
      include: { identities: true },
    });
    person = { id: created.id, identityId: created.identities[0]!.id };
  });

  afterAll(async () => {
    await Promise.all(workers.queues.map((queue) => queue.obliterate({ force: true })));
    await workers.close();
    await context.queues.close();
    await test.drop();
  });

  const message = (body: string, extra: Partial<NewOutboundMessage> = {}): NewOutboundMessage => ({
    personId: person.id,
    channelIdentityId: person.identityId,
    purpose: 'reply',
    payload: text(body),
    ...extra,
  });

  const settled = (id: string) =>
    waitFor(
      async () => {
        const row = await test.db.outboundMessage.findUniqueOrThrow({ where: { id } });
        return ['sent', 'failed', 'skipped', 'held'].includes(row.status) ? row : undefined;
      },
      20_000,
      `message ${id} settled`,
    );

  it('skips a reminder planned (quiet hours) after the start, and sends the next message', async () => {
    const now = new Date();
    const morning = new Date(now.getTime() + 1_000);
    const rows = await addOutboundMessages(
      test.db,
      [
        message('Rappel : rendez-vous dans 2 heures.', {
          purpose: 'session_reminder',
          plannedAt: morning,
          notAfter: new Date(now.getTime() + 300),
        }),
        message('Bonjour, voici la suite.', { plannedAt: morning }),
      ],
      now,
    );
    await context.queues.deliverOutbound(rows, now);
    const [reminder, next] = await Promise.all(rows.map((row) => settled(row.id)));
    expect(reminder).toMatchObject({ status: 'skipped', lastError: 'expired: the session had started' });
    expect(next).toMatchObject({ status: 'sent' });
    expect(sent).toEqual(['Bonjour, voici la suite.']);
  });

  it('sends a message before its notAfter, and one without any as before', async () => {
    sent.length = 0;
    const now = new Date();
    const rows = await addOutboundMessages(
      test.db,
      [
        message('Rappel : rendez-vous dans 1 heure.', {
          purpose: 'session_reminder',
          notAfter: new Date(now.getTime() + 3_600_000),
        }),
        message('Merci !'),
      ],
      now,
    );
    await context.queues.deliverOutbound(rows, now);
    for (const row of rows) expect(await settled(row.id)).toMatchObject({ status: 'sent', lastError: null });
    expect(sent).toEqual(['Rappel : rendez-vous dans 1 heure.', 'Merci !']);
  });

  it('releases what was held and is still in time; what is past its notAfter is skipped', async () => {
    const now = new Date();
    const rows = await addOutboundMessages(
      test.db,
      [
        message('Nouvel atelier', { purpose: 'session_announcement', notAfter: new Date(now.getTime() - 60_000) }),
        message('Comment était la séance ?', {
          purpose: 'session_feedback',
          notAfter: new Date(now.getTime() - 1),
        }),
        message('Une place pour vous', { purpose: 'session_waitlist', notAfter: new Date(now.getTime() + 60_000) }),
        message('Votre exercice'),
      ],
      now,
    );
    await test.db.outboundMessage.updateMany({
      where: { id: { in: rows.map((row) => row.id) } },
      data: { status: 'held', lastError: 'WhatsApp window closed: needs a template' },
    });
    const released = await releaseHeldMessages(test.db, person.id, [person.identityId], now);
    expect(released.map((row) => row.id)).toEqual([rows[2]!.id, rows[3]!.id]);
    const states = await test.db.outboundMessage.findMany({
      where: { id: { in: rows.map((row) => row.id) } },
      orderBy: { sequence: 'asc' },
      select: { status: true, lastError: true },
    });
    expect(states).toEqual([
      { status: 'skipped', lastError: 'expired: the session had started' },
      { status: 'skipped', lastError: 'expired: the session ended too long ago' },
      { status: 'queued', lastError: null },
      { status: 'queued', lastError: null },
    ]);
  });
});
