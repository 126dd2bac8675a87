import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../src/channels/telegram/index.ts';
import type { OutboundPayload } from '../../src/domain/outbound-message.ts';
import { createLogger } from '../../src/logger.ts';
import { addOutboundMessages } from '../../src/store/outbox/outbox.ts';
import { FakeBotApi, type UploadedFile } from '../channels/telegram/fake-bot-api.ts';
import { ACCESS_TOKEN, APP_SECRET, createTestChannel } from '../channels/whatsapp/support/channel.ts';
import { GraphStandIn } from '../channels/whatsapp/support/graph-stand-in.ts';
import { metaJson, signAsMeta } from '../channels/whatsapp/support/meta-json.ts';
import { AICHA, messagesFrom, textFrom } from '../channels/whatsapp/support/meta-payloads.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { waitFor } from '../support/processes.ts';
import { importSample } from '../support/sample-programme.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const TOKEN = '123456:deliver-media-token';
const HOUR = 3600_000;
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]);

/**
 * A trainer's photo answer delivered from the outbox on each channel, read from MEDIA_DIR at
 * the moment it goes: to Telegram's Bot API as an upload, to WhatsApp as an upload then an image
 * message (after the programme's help-desk template when the 24-hour window is closed).
 */
describe('delivering files from the outbox', () => {
  const clock = clockFrom(SAMPLE_DAYTIME);
  let bot: FakeBotApi;
  const graph = new GraphStandIn(ACCESS_TOKEN);
  let t: TestApp;
  let josue: { id: string; telegram: string; whatsapp: string };

  beforeAll(async () => {
    bot = await new FakeBotApi(TOKEN).start();
    await graph.start();
    const whatsapp = createTestChannel(graph.url);
    const telegram = createTelegramChannel({
      config: { botToken: TOKEN, apiRoot: bot.apiRoot, mode: 'webhook' },
      logger: createLogger({ LOG_LEVEL: 'silent' }),
    });
    t = await startTestApp({
      now: clock,
      channels: { telegram: telegram.adapter, whatsapp: whatsapp.adapter },
      routes: [(app, { sink }) => whatsapp.registerWebhook(app, sink)],
    });
    await importSample(t.test.db);
    const cohort = await t.test.db.cohort.findFirstOrThrow({ select: { id: true } });
    const person = await t.test.db.person.create({
      data: {
        displayName: 'Josué',
        roles: ['participant'],
        locale: 'fr',
        enrolments: { create: { cohortId: cohort.id, role: 'participant' } },
        identities: {
          create: [
            { channel: 'telegram', platformId: '5120003' },
            { channel: 'whatsapp', platformId: AICHA.user_id, phoneNumber: AICHA.wa_id },
          ],
        },
      },
      include: { identities: true },
    });
    josue = {
      id: person.id,
      telegram: person.identities.find((i) => i.channel === 'telegram')!.id,
      whatsapp: person.identities.find((i) => i.channel === 'whatsapp')!.id,
    };
  });

  afterAll(async () => {
    await t.close();
    await graph.stop();
    await bot.stop();
  });

  beforeEach(() => {
    graph.reset();
    bot.calls.length = 0;
    bot.methods.clear();
    bot.acceptSends();
  });

  /** A photo kept under MEDIA_DIR as the pipeline keeps them, and its MediaFile row. */
  async function keptPhoto(name: string, onDisk = true): Promise<string> {
    const relative = path.join('photo', 'ab', `${name}.jpg`);
    if (onDisk) {
      mkdirSync(path.join(t.mediaDir, 'photo', 'ab'), { recursive: true });
      writeFileSync(path.join(t.mediaDir, relative), PHOTO);
    }
    const media = await t.test.db.mediaFile.create({
      data: {
        personId: josue.id,
        channel: null,
        platformFileId: `dashboard:${name}`,
        path: relative,
        mimeType: 'image/jpeg',
        sizeBytes: PHOTO.length,
        sha256: name,
      },
    });
    return media.id;
  }

  async function queue(channelIdentityId: string, payload: OutboundPayload): Promise<string> {
    const [row] = await addOutboundMessages(
      t.test.db,
      [{ personId: josue.id, channelIdentityId, purpose: 'help_answer', payload }],
      clock(),
    );
    await t.queues.deliverOutbound([row!], clock());
    return row!.id;
  }

  async function settled(id: string, statuses = ['sent', 'failed', 'skipped', 'held']) {
    return waitFor(
      async () => {
        const row = await t.test.db.outboundMessage.findUniqueOrThrow({ where: { id } });
        return statuses.includes(row.status) ? row : undefined;
      },
      15_000,
      `message ${id} in ${statuses.join(' or ')}`,
    );
  }

  async function windowOpenedAt(at: Date | null) {
    await t.test.db.channelIdentity.update({ where: { id: josue.whatsapp }, data: { lastInboundAt: at } });
  }

  it('sends a photo on Telegram as an upload of its bytes, with its caption', async () => {
    const mediaFileId = await keptPhoto('tg');
    const id = await queue(josue.telegram, { kind: 'media', media: 'photo', mediaFileId, caption: 'Voici le schéma' });
    expect(await settled(id)).toMatchObject({ status: 'sent', platformMessageId: '1000' });
    const [call] = bot.callsOf('sendPhoto');
    expect(call?.body).toMatchObject({ chat_id: '5120003', caption: 'Voici le schéma' });
    expect((call?.body.photo as UploadedFile).data.equals(PHOTO)).toBe(true);
  });

  it('sends a photo on WhatsApp: uploaded to the media endpoint, then an image message naming it', async () => {
    await windowOpenedAt(new Date(clock().getTime() - HOUR));
    const mediaFileId = await keptPhoto('wa');
    const id = await queue(josue.whatsapp, { kind: 'media', media: 'photo', mediaFileId });
    expect(await settled(id)).toMatchObject({ status: 'sent', platformMessageId: expect.stringMatching(/^wamid\./) });
    expect(graph.uploads).toHaveLength(1);
    expect(graph.uploads[0]?.data.equals(PHOTO)).toBe(true);
    expect(graph.messageRequests).toEqual([
      expect.objectContaining({ type: 'image', image: { id: graph.uploads[0]?.id } }),
    ]);
  });

  it('skips, with the reason, a photo whose file or row is gone since the message was written', async () => {
    const lost = await queue(josue.telegram, {
      kind: 'media',
      media: 'photo',
      mediaFileId: await keptPhoto('lost', false),
    });
    expect(await settled(lost)).toMatchObject({
      status: 'skipped',
      lastError: expect.stringContaining('missing from the media folder'),
    });
    const erasedId = await keptPhoto('erased');
    await t.test.db.mediaFile.delete({ where: { id: erasedId } });
    const erased = await queue(josue.telegram, { kind: 'media', media: 'photo', mediaFileId: erasedId });
    expect(await settled(erased)).toMatchObject({ status: 'skipped', lastError: expect.stringContaining('erased') });
    expect(bot.calls).toEqual([]);
    const after = await t.test.db.outboundMessage.findUniqueOrThrow({ where: { id: erased } });
    expect(after.attempts).toBe(1);
  });

  it('outside the WhatsApp window, sends the help-desk template, then the held photo once the person writes', async () => {
    await windowOpenedAt(new Date(clock().getTime() - 25 * HOUR));
    const mediaFileId = await keptPhoto('held');
    const id = await queue(josue.whatsapp, { kind: 'media', media: 'photo', mediaFileId, caption: 'Ta réponse' });
    expect(await settled(id)).toMatchObject({
      status: 'held',
      lastError: 'WhatsApp window closed: template cc_reponse_equipe sent',
    });
    const [template] = await waitFor(
      async () => (graph.messageRequests.length > 0 ? graph.messageRequests : undefined),
      15_000,
      'the template',
    );
    expect(template).toMatchObject({ type: 'template', template: { name: 'cc_reponse_equipe' } });
    expect(graph.uploads).toEqual([]);

    const timestamp = String(Math.floor(clock().getTime() / 1000));
    const payload = metaJson(messagesFrom(AICHA, textFrom(AICHA, 'wamid.media-reply', 'Oui ?', timestamp)));
    const answer = await t.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signAsMeta(payload, APP_SECRET) },
      payload,
    });
    expect(answer.statusCode).toBe(200);
    expect(await settled(id, ['sent'])).toMatchObject({ status: 'sent' });
    expect(graph.uploads).toHaveLength(1);
    const images = graph.messageRequests.filter((request) => request.type === 'image');
    expect(images).toEqual([
      expect.objectContaining({ to: AICHA.wa_id, image: { id: graph.uploads[0]?.id, caption: 'Ta réponse' } }),
    ]);
  });
});
