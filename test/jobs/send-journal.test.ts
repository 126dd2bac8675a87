import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SendJournal } from '../../src/jobs/send-journal.ts';
import { createLogger } from '../../src/logger.ts';
import { addOutboundMessages } from '../../src/store/outbox/outbox.ts';
import { recordJournaledSends } from '../../src/store/outbox/record-sent-messages.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/**
 * The journal keeps, on disk, sends a worker could not record. What a worker appended survives it
 * (a crash, a restart with a new process): another worker of the same directory records it once
 * the first has shown no sign of life for a while, and never while it still runs.
 */
describe('the journal of sends not recorded', () => {
  const logger = createLogger({ LOG_LEVEL: 'silent' });
  let test: TestDatabase;
  let dir: string;
  let person: { id: string; identity: string };

  beforeAll(async () => {
    test = await createTestDatabase();
    const created = await test.db.person.create({
      data: { identities: { create: [{ channel: 'telegram', platformId: '6001' }] } },
      include: { identities: true },
    });
    person = { id: created.id, identity: created.identities[0]!.id };
  });

  afterAll(async () => {
    await test.drop();
  });

  async function messages(statuses: ('queued' | 'sending' | 'delivered')[]) {
    const rows = await addOutboundMessages(
      test.db,
      statuses.map((_, i) => ({
        personId: person.id,
        channelIdentityId: person.identity,
        purpose: 'broadcast',
        payload: { kind: 'text' as const, text: `Annonce ${i}` },
      })),
      new Date(),
    );
    for (const [i, status] of statuses.entries())
      await test.db.outboundMessage.update({ where: { id: rows[i]!.id }, data: { status, claimedBy: 'outb-gone' } });
    return rows.map((row) => row.id);
  }

  const record = (sends: Parameters<typeof recordJournaledSends>[1]) => recordJournaledSends(test.db, sends);

  it('is recorded by the next worker once the one that wrote it is gone, never over a later status', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'compagnon-journal-'));
    const [sending, requeued, delivered] = await messages(['sending', 'queued', 'delivered']);
    const at = new Date('2026-03-02T09:00:00Z');
    const crashed = await new SendJournal(dir, logger).open();
    await crashed.append([
      { id: sending!, platformMessageId: 'tg-1', at },
      { id: requeued!, platformMessageId: 'tg-2', at },
      { id: delivered!, platformMessageId: 'tg-3', at },
    ]);
    await crashed.close();
    // The worker stops (or dies) with its journal not recorded; a new process starts on the same directory.
    const next = await new SendJournal(dir, logger).open();
    expect(await next.replay(record)).toBe(0);
    expect((await next.held()).sort()).toEqual([sending, requeued, delivered].sort());

    // 30 s without a sign of life: the first worker is gone.
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(path.join(dir, `journal-${crashed.worker}.alive`), longAgo, longAgo);
    expect(await next.replay(record)).toBe(3);
    const rows = await test.db.outboundMessage.findMany({ where: { id: { in: [sending!, requeued!, delivered!] } } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(sending!)).toMatchObject({ status: 'sent', platformMessageId: 'tg-1', sentAt: at });
    expect(byId.get(requeued!)).toMatchObject({ status: 'sent', platformMessageId: 'tg-2' });
    expect(byId.get(delivered!)).toMatchObject({ status: 'delivered', platformMessageId: null });
    expect(await next.held()).toEqual([]);
    await next.close();
    expect(readdirSync(dir)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not hold delivery back for a file it cannot read (the database answers: replaying succeeds)', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'compagnon-journal-'));
    const journal = await new SendJournal(dir, logger).open();
    mkdirSync(path.join(dir, `journal-${journal.worker}.unreadable.jsonl`));
    await expect(journal.replay(record)).resolves.toBe(0);
    await journal.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no record to one cut short by a crash in the middle of its write', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'compagnon-journal-'));
    const [id] = await messages(['sending']);
    const journal = await new SendJournal(dir, logger).open();
    appendFileSync(path.join(dir, `journal-${journal.worker}.jsonl`), '\n{"id":"cut-short","platformMes');
    await journal.append([{ id: id!, platformMessageId: 'tg-12', at: new Date() }]);
    expect(await journal.replay(record)).toBe(1);
    expect(await test.db.outboundMessage.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({
      status: 'sent',
      platformMessageId: 'tg-12',
    });
    await journal.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps what it could not record for the next replay', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'compagnon-journal-'));
    const [id] = await messages(['sending']);
    const journal = await new SendJournal(dir, logger).open();
    await journal.append([{ id: id!, platformMessageId: 'tg-9', at: new Date() }]);
    await expect(journal.replay(() => Promise.reject(new Error('Connection terminated unexpectedly')))).rejects.toThrow(
      'Connection terminated',
    );
    expect(await journal.held()).toEqual([id]);
    expect(await journal.replay(record)).toBe(1);
    expect(await test.db.outboundMessage.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({
      status: 'sent',
      platformMessageId: 'tg-9',
    });
    await journal.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
