import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaKind } from '../../../src/domain/inbound-event.ts';
import { addOutboundMessages } from '../../../src/store/outbox/outbox.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../../support/clock.ts';
import { waitFor } from '../../support/processes.ts';
import { importSample } from '../../support/sample-programme.ts';
import { SimulatedPerson, simulatorHeaders } from '../../support/simulator-client.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';

const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x42, 0x42, 0xff, 0xd9]);

/**
 * A file Compagnon sends a simulated person (a trainer's photo, voice note or document) shows in
 * their chat, served by the simulator to that person only.
 */
describe('files sent to a simulated person', () => {
  const clock = clockFrom(SAMPLE_DAYTIME);
  let t: TestApp;
  let awa: SimulatedPerson;
  let salma: SimulatedPerson;

  beforeAll(async () => {
    t = await startTestApp({ now: clock });
    await importSample(t.test.db);
    awa = await SimulatedPerson.create(t, { name: 'Awa', hub: 'abidjan' });
    salma = await SimulatedPerson.create(t, { name: 'Salma', hub: 'abidjan' });
  });
  afterAll(() => t.close());

  /** Keeps a file under MEDIA_DIR, sends it to `to` through the outbox, and returns the message id once sent. */
  async function sendFile(to: SimulatedPerson, media: MediaKind, mimeType: string, name: string, caption?: string) {
    const relative = path.join(media, 'cd', name);
    mkdirSync(path.join(t.mediaDir, media, 'cd'), { recursive: true });
    writeFileSync(path.join(t.mediaDir, relative), PHOTO);
    const file = await t.test.db.mediaFile.create({
      data: {
        personId: to.personId,
        channel: null,
        platformFileId: `dashboard:${name}`,
        path: relative,
        mimeType,
        sizeBytes: PHOTO.length,
        sha256: name,
      },
    });
    const identity = await t.test.db.channelIdentity.findUniqueOrThrow({
      where: { channel_platformId: { channel: 'simulator', platformId: to.id } },
    });
    const [row] = await addOutboundMessages(
      t.test.db,
      [
        {
          personId: to.personId,
          channelIdentityId: identity.id,
          purpose: 'help_answer',
          payload: { kind: 'media', media, mediaFileId: file.id, ...(caption && { caption }) },
        },
      ],
      clock(),
    );
    await t.queues.deliverOutbound([row!], clock());
    await waitFor(
      async () =>
        (await t.test.db.outboundMessage.findUniqueOrThrow({ where: { id: row!.id } })).status === 'sent' || undefined,
      15_000,
      'the file sent',
    );
    return row!.id;
  }

  const get = (url: string, headers: Record<string, string> = simulatorHeaders(t)) =>
    t.app.inject({ method: 'GET', url, headers });

  it('lists the photo in the person’s chat and serves its bytes to that person, inline', async () => {
    const id = await sendFile(awa, 'photo', 'image/jpeg', 'plan.jpg', 'Le plan de la salle');
    const listed = (await get(`/simulator/api/messages?person=${awa.id}`)).json().messages as {
      id: string;
      direction: string;
      message: Record<string, unknown>;
    }[];
    expect(listed.find((m) => m.id === id)?.message).toMatchObject({
      kind: 'media',
      media: 'photo',
      caption: 'Le plan de la salle',
    });

    const file = await get(`/simulator/api/media/${id}?person=${awa.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'content-disposition': expect.stringMatching(/^inline;/),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
    expect(file.rawPayload.equals(PHOTO)).toBe(true);
  });

  it('serves a document as a download', async () => {
    const id = await sendFile(awa, 'document', 'application/pdf', 'guide.pdf');
    const file = await get(`/simulator/api/media/${id}?person=${awa.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('serves nothing to another person, nor without the key, nor for a message that carries no file', async () => {
    const id = await sendFile(awa, 'voice', 'audio/ogg', 'note.ogg');
    expect((await get(`/simulator/api/media/${id}?person=${salma.id}`)).statusCode).toBe(404);
    expect((await get(`/simulator/api/media/${id}?person=${awa.id}`, {})).statusCode).toBe(401);
    expect((await get(`/simulator/api/media/${id}`)).statusCode).toBe(400);
    await awa.send('bonjour', { replies: 4 });
    const listed = (await get(`/simulator/api/messages?person=${awa.id}`)).json().messages as {
      id: string;
      direction: string;
      message: { kind: string };
    }[];
    const textId = listed.find((m) => m.direction === 'out' && m.message.kind !== 'media')?.id;
    expect(textId).toBeDefined();
    expect((await get(`/simulator/api/media/${textId}?person=${awa.id}`)).statusCode).toBe(404);
  });

  it('lets the page show sent photos, voice notes and videos from its own origin', async () => {
    const page = await get('/simulator');
    expect(page.headers['content-security-policy']).toContain("media-src 'self'");
    const script = await get('/simulator/app.js');
    expect(script.body).toContain("'/simulator/api/media/'");
  });
});
