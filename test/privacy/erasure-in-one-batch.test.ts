import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundEvent } from '../../src/domain/inbound-event.ts';
import { handleInbound } from '../../src/jobs/handle-inbound.ts';
import { recordJournaledSends } from '../../src/store/outbox/record-sent-messages.ts';
import { deleteErasedFiles, erasePerson } from '../../src/store/people/erase-person.ts';
import { isUploadOf, SIMULATOR_UPLOADS_DIR, uploadName } from '../../src/store/media/simulator-uploads.ts';
import { seedCohort, type SeededCohort } from '../support/admin-app.ts';
import { testJobContext } from '../support/job-context.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/**
 * Erasure where it meets the rest: events handled in one batch, sends recorded from the journal,
 * messages to others that name her, files deleted only once the rows are, uploads told apart.
 */
describe('erasure, in one batch and around the edges', () => {
  let test: TestDatabase;
  let seed: SeededCohort;
  let mediaDir: string;
  const now = new Date();

  beforeAll(async () => {
    test = await createTestDatabase();
    mediaDir = mkdtempSync(path.join(tmpdir(), 'compagnon-erasure-batch-'));
    seed = await seedCohort(test.db, now, { mediaDir });
  });

  afterAll(async () => {
    await test.drop();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  async function filesOf(personId: string): Promise<string[]> {
    const files = await test.db.mediaFile.findMany({ where: { personId }, select: { path: true } });
    return files.map((f) => path.join(mediaDir, f.path));
  }

  it('leaves her files on disk when the erasing transaction fails, and deletes them once one commits', async () => {
    const fatou = seed.participantIds[5]!;
    const upload = path.join(mediaDir, SIMULATOR_UPLOADS_DIR, uploadName('sim-fatou-1', 'abc12345'));
    mkdirSync(path.dirname(upload), { recursive: true });
    writeFileSync(upload, 'photo de Fatou');
    const identity = await test.db.channelIdentity.findFirstOrThrow({ where: { personId: fatou } });
    await test.db.inboundEvent.create({
      data: {
        channel: 'simulator',
        platformEventId: 'sim-fatou-1',
        channelIdentityId: identity.id,
        personId: fatou,
        payload: {},
        status: 'processed',
        sentAt: now,
      },
    });
    const photo = await test.db.mediaFile.create({
      data: {
        personId: fatou,
        channel: 'simulator',
        platformFileId: 'fatou-photo',
        path: 'fatou.png',
        mimeType: 'image/png',
        sizeBytes: 4,
        sha256: 'fatou',
      },
    });
    writeFileSync(path.join(mediaDir, photo.path), 'png!');
    const files = [...(await filesOf(fatou)), upload];

    await expect(
      test.db.$transaction(async (tx) => {
        await erasePerson(tx, { personId: fatou, at: now, mediaDir });
        throw new Error('the transaction fails after the erasure');
      }),
    ).rejects.toThrow('the transaction fails');
    expect(await test.db.person.findUniqueOrThrow({ where: { id: fatou } })).toMatchObject({ erasedAt: null });
    for (const file of files) expect(existsSync(file), file).toBe(true);

    const toDelete = await test.db.$transaction((tx) => erasePerson(tx, { personId: fatou, at: now, mediaDir }));
    expect(toDelete.sort()).toEqual(files.sort());
    for (const file of files) expect(existsSync(file), file).toBe(true);
    await deleteErasedFiles(toDelete);
    for (const file of files) expect(existsSync(file), file).toBe(false);
  });

  it('deletes only her uploads, even when another message id read the same under the old naming', async () => {
    const [, boubacar, salma] = seed.participantIds as [string, string, string];
    const uploads = path.join(mediaDir, SIMULATOR_UPLOADS_DIR);
    mkdirSync(uploads, { recursive: true });
    const hers = path.join(uploads, uploadName('sim.42', 'aaaa1111'));
    const other = path.join(uploads, uploadName('sim_42', 'bbbb2222'));
    writeFileSync(hers, 'fichier de Boubacar');
    writeFileSync(other, 'fichier de Salma');
    expect(isUploadOf(path.basename(other), 'sim.42')).toBe(false);
    expect(isUploadOf(path.basename(hers), 'sim.42')).toBe(true);
    // A long id is not cut short: two ids that share their first 100 characters differ too.
    expect(isUploadOf(uploadName(`${'x'.repeat(100)}1`, 'r'), `${'x'.repeat(100)}2`)).toBe(false);
    for (const [personId, eventId] of [
      [boubacar, 'sim.42'],
      [salma, 'sim_42'],
    ] as const) {
      const identity = await test.db.channelIdentity.findFirstOrThrow({ where: { personId } });
      await test.db.inboundEvent.create({
        data: {
          channel: 'simulator',
          platformEventId: eventId,
          channelIdentityId: identity.id,
          personId,
          payload: {},
          status: 'processed',
          sentAt: now,
        },
      });
    }

    const toDelete = await test.db.$transaction((tx) => erasePerson(tx, { personId: boubacar, at: now, mediaDir }));
    expect(toDelete).toContain(hers);
    expect(toDelete).not.toContain(other);
  });

  it('skips what was waiting to go to others about her, rather than sending it empty', async () => {
    const salma = seed.participantIds[2]!;
    const mentor = seed.mentorIds[0];
    const mentorIdentity = await test.db.channelIdentity.findFirstOrThrow({ where: { personId: mentor } });
    const message = (status: 'queued' | 'held' | 'sent', text: string) =>
      test.db.outboundMessage.create({
        data: {
          personId: mentor,
          channelIdentityId: mentorIdentity.id,
          channel: 'simulator',
          purpose: 'digest',
          payload: { kind: 'text', text },
          status,
          aboutPersonIds: [salma],
        },
        select: { id: true },
      });
    const queued = await message('queued', 'Résumé : Salma a besoin d’attention');
    const held = await message('held', 'Salma n’a pas rendu la semaine 4');
    const sent = await message('sent', 'Salma a rendu la semaine 3');
    const unrelated = await test.db.outboundMessage.create({
      data: {
        personId: mentor,
        channelIdentityId: mentorIdentity.id,
        channel: 'simulator',
        purpose: 'reply',
        payload: { kind: 'text', text: 'Bonjour' },
        status: 'queued',
      },
      select: { id: true },
    });

    await test.db.$transaction((tx) => erasePerson(tx, { personId: salma, at: now, mediaDir }));
    const after = async (id: string) =>
      test.db.outboundMessage.findUniqueOrThrow({ where: { id }, select: { status: true, payload: true } });
    expect(await after(queued.id)).toEqual({ status: 'skipped', payload: { kind: 'text', text: '' } });
    expect(await after(held.id)).toEqual({ status: 'skipped', payload: { kind: 'text', text: '' } });
    expect(await after(sent.id)).toEqual({ status: 'sent', payload: { kind: 'text', text: '' } });
    expect(await after(unrelated.id)).toMatchObject({ status: 'queued' });
  });

  it('keeps no address on a confirmation whose send is recorded from the journal', async () => {
    const rivo = seed.participantIds[4]!;
    const identity = await test.db.channelIdentity.create({
      data: { personId: rivo, channel: 'whatsapp', platformId: 'erased:journal-test', phoneNumber: null },
    });
    const confirmation = await test.db.outboundMessage.create({
      data: {
        personId: rivo,
        channelIdentityId: identity.id,
        channel: 'whatsapp',
        purpose: 'reply',
        payload: { kind: 'text', text: 'Vos données sont effacées.' },
        status: 'sending',
        address: { platformId: '261340001122', phoneNumber: '261340001122' },
      },
      select: { id: true },
    });

    await recordJournaledSends(test.db, [{ id: confirmation.id, platformMessageId: 'wamid.journal-1', at: now }]);
    expect(
      await test.db.outboundMessage.findUniqueOrThrow({
        where: { id: confirmation.id },
        select: { status: true, address: true },
      }),
    ).toEqual({ status: 'sent', address: null });
  });

  it('answers only the erasure when her data, a message to her mentor and the erasure are handled together', async () => {
    const awa = seed.participantIds[0]!;
    const mentor = seed.mentorIds[0];
    const identity = await test.db.channelIdentity.findFirstOrThrow({ where: { personId: awa } });
    const files = await filesOf(awa);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(existsSync(file), file).toBe(true);
    const words = 'Ma mentore, je déménage à Bouaké, rue des Jardins';
    const said: (Pick<InboundEvent, 'kind'> &
      ({ kind: 'text'; text: string } | { kind: 'choice'; choiceId: string }))[] = [
      { kind: 'text', text: 'MES DONNEES' },
      { kind: 'text', text: 'MENTOR' },
      { kind: 'text', text: words },
      { kind: 'text', text: 'EFFACER' },
      { kind: 'choice', choiceId: 'erase:yes' },
    ];
    const since = new Date();
    let first = '';
    for (const [index, content] of said.entries()) {
      const sentAt = new Date(now.getTime() + index * 1000);
      const payload = {
        channel: 'simulator',
        platformEventId: `batch-${index}`,
        sender: { channel: 'simulator', platformId: identity.platformId },
        sentAt: sentAt.toISOString(),
        ...content,
      };
      const event = await test.db.inboundEvent.create({
        data: {
          channel: 'simulator',
          platformEventId: `batch-${index}`,
          channelIdentityId: identity.id,
          personId: awa,
          payload,
          sentAt,
        },
        select: { id: true },
      });
      first ||= event.id;
    }

    const context = testJobContext(test.db, `erasure-batch-${Date.now()}`, {
      media: { dir: mediaDir, maxBytes: 1024 * 1024 },
    });
    try {
      expect(await handleInbound.handle({ eventId: first }, context)).toEqual({ handled: 5 });
    } finally {
      await context.queues.close();
    }

    // Written by this batch: the confirmation of the erasure to her, nothing else of hers.
    const written = await test.db.outboundMessage.findMany({
      where: { createdAt: { gte: since } },
      select: { personId: true, status: true, payload: true },
    });
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ personId: awa, status: 'queued' });
    expect(JSON.stringify(written[0]!.payload)).toContain('effacées');
    expect(await test.db.outboundMessage.count({ where: { personId: mentor, createdAt: { gte: since } } })).toBe(0);
    const everything = JSON.stringify(await test.db.outboundMessage.findMany({ select: { payload: true } }));
    expect(everything).not.toContain('Bouaké');
    expect(await test.db.person.findUniqueOrThrow({ where: { id: awa } })).toMatchObject({ displayName: null });
    // Her files went once the transaction had committed.
    for (const file of files) expect(existsSync(file), file).toBe(false);
  });
});
