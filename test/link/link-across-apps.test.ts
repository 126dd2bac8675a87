import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../src/channels/telegram/index.ts';
import { createLogger } from '../../src/logger.ts';
import { listAudience } from '../../src/store/broadcasts/segment-query.ts';
import { preferredIdentity } from '../../src/store/people/person-view.ts';
import { listSessionAudience } from '../../src/store/sessions/list-session-audience.ts';
import { loadReleaseRecipients } from '../../src/store/submissions/load-release-recipients.ts';
import { startEmulator, type Emulator } from '../channels/telegram/emulator.ts';
import { createTestChannel, APP_SECRET, ACCESS_TOKEN } from '../channels/whatsapp/support/channel.ts';
import { GraphStandIn } from '../channels/whatsapp/support/graph-stand-in.ts';
import { metaJson, signAsMeta } from '../channels/whatsapp/support/meta-json.ts';
import { messagesFrom, textFrom, type Person } from '../channels/whatsapp/support/meta-payloads.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { waitFor } from '../support/processes.ts';
import { importSample } from '../support/sample-programme.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { codeIn, seedParticipant } from './link-support.ts';

const TOKEN = '123456:link-test-token';
const FATOU_CHAT = 7101;
const AWA_CHAT = 7202;
const FATOU_WA: Person = { wa_id: '2250700000101', user_id: 'CI.100000000000101', name: 'Fatou D.' };
const AWA_WA: Person = { wa_id: '2250700000202', user_id: 'CI.100000000000202', name: 'Awa K.' };

/**
 * One person on Telegram and WhatsApp, through the Telegram emulator and the Graph API stand-in:
 * a code asked on one app and typed on the other attaches the chat, both chats say so, and what
 * is sent next goes once, to the chat used last.
 */
describe('linking Telegram and WhatsApp', () => {
  const graph = new GraphStandIn(ACCESS_TOKEN);
  let emulator: Emulator;
  let t: TestApp;
  let polling: { stop: () => Promise<void> };
  let sequence = 0;

  beforeAll(async () => {
    emulator = await startEmulator();
    await graph.start();
    const telegram = createTelegramChannel({
      config: { botToken: TOKEN, apiRoot: emulator.config.apiURL, mode: 'polling' },
      logger: createLogger({ LOG_LEVEL: 'silent' }),
    });
    const whatsapp = createTestChannel(graph.url);
    t = await startTestApp({
      now: clockFrom(SAMPLE_DAYTIME),
      channels: { telegram: telegram.adapter, whatsapp: whatsapp.adapter },
      routes: [(app, { sink }) => whatsapp.registerWebhook(app, sink)],
    });
    await importSample(t.test.db);
    polling = telegram.startPolling(t.sink);
  });

  afterAll(async () => {
    await polling.stop();
    await t.close();
    await graph.stop();
    await emulator.stop();
  });

  /** A text from a WhatsApp number, signed as Meta signs it, with the platform's timestamp of now. */
  async function fromWhatsapp(person: Person, body: string) {
    sequence += 1;
    const payload = metaJson(
      messagesFrom(person, textFrom(person, `wamid.link-${sequence}`, body, String(Math.floor(Date.now() / 1000)))),
    );
    const response = await t.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signAsMeta(payload, APP_SECRET) },
      payload,
    });
    expect(response.statusCode).toBe(200);
  }

  /** The texts sent to a WhatsApp number so far, once there are at least `count`. */
  function whatsappTexts(person: Person, count: number) {
    return waitFor(
      async () => {
        const texts = graph.messageRequests
          .filter((r) => r.to === person.wa_id && r.type !== undefined)
          .map((r) => (r.text as { body: string } | undefined)?.body ?? JSON.stringify(r));
        return texts.length >= count ? texts : undefined;
      },
      15_000,
      `${count} WhatsApp messages to ${person.name}`,
    );
  }

  function telegramTexts(chatId: number, count: number) {
    return waitFor(
      async () => {
        const texts = emulator.storage.botMessages
          .filter((m) => String(m.message.chat_id) === String(chatId))
          .map((m) => m.message.text as string);
        return texts.length >= count ? texts : undefined;
      },
      15_000,
      `${count} Telegram messages to chat ${chatId}`,
    );
  }

  function fromTelegram(chatId: number, text: string) {
    const client = emulator.getClient(TOKEN, { chatId, userId: chatId, firstName: 'Someone' });
    return client.sendMessage(client.makeMessage(text));
  }

  it('attaches a WhatsApp number to a person who joined on Telegram; both chats say so', async () => {
    const fatou = await seedParticipant(t.test.db, {
      name: 'Fatou',
      channel: 'telegram',
      platformId: String(FATOU_CHAT),
      at: new Date(Date.now() - 3600_000),
    });
    await fromTelegram(FATOU_CHAT, 'LIER');
    const [given] = await telegramTexts(FATOU_CHAT, 1);
    expect(given).toContain('WhatsApp');
    expect(given).toContain('10 minutes');
    const code = codeIn(given);

    await fromWhatsapp(FATOU_WA, `lier ${code.toLowerCase()}`);
    const [attached] = await whatsappTexts(FATOU_WA, 1);
    expect(attached).toContain('reliée au compte de Fatou');
    const [, told] = await telegramTexts(FATOU_CHAT, 2);
    expect(told).toBe(
      'Votre compte WhatsApp est maintenant relié à celui-ci. Nos messages arriveront sur l’application que vous avez utilisée en dernier. Pour défaire ce lien : DÉLIER.',
    );

    const identities = await t.test.db.channelIdentity.findMany({
      where: { personId: fatou.personId },
      orderBy: { createdAt: 'asc' },
    });
    expect(identities.map((i) => i.channel).sort()).toEqual(['telegram', 'whatsapp']);
    // The person the WhatsApp number was until now (it had only written this) is gone.
    expect(await t.test.db.person.count({ where: { displayName: null, roles: { isEmpty: true } } })).toBe(0);
    // The code is spent: only its hash was ever stored.
    const stored = await t.test.db.linkCode.findFirstOrThrow({ where: { personId: fatou.personId } });
    expect(stored.usedAt).not.toBeNull();
    expect(stored.codeHash).not.toContain(code.replace('-', ''));
  });

  it('sends the next release, broadcast and session announcement once, to the chat used last', async () => {
    const fatou = await t.test.db.person.findFirstOrThrow({ where: { displayName: 'Fatou' } });
    const whatsapp = await t.test.db.channelIdentity.findFirstOrThrow({
      where: { personId: fatou.id, channel: 'whatsapp' },
    });
    expect(await preferredIdentity(t.test.db, fatou.id)).toBe(whatsapp.id);
    const programme = await t.test.db.programme.findFirstOrThrow();
    const broadcast = (await listAudience(t.test.db, programme.id, {})).filter((m) => m.personId === fatou.id);
    expect(broadcast.map((m) => m.channelIdentityId)).toEqual([whatsapp.id]);
    const session = (await listSessionAudience(t.test.db, programme.id, { roles: ['participant'] })).filter(
      (m) => m.personId === fatou.id,
    );
    expect(session.map((m) => m.channelIdentityId)).toEqual([whatsapp.id]);
    const exercise = await t.test.db.exercise.findFirstOrThrow({ orderBy: { position: 'asc' } });
    const release = await loadReleaseRecipients(t.test.db, [exercise.id], [fatou.id]);
    expect(release.identities.get(fatou.id)).toBe(whatsapp.id);

    // She writes on Telegram again: Telegram is the chat used last now.
    await fromTelegram(FATOU_CHAT, 'aide');
    await telegramTexts(FATOU_CHAT, 3);
    const telegram = await t.test.db.channelIdentity.findFirstOrThrow({
      where: { personId: fatou.id, channel: 'telegram' },
    });
    const again = (await listAudience(t.test.db, programme.id, {})).filter((m) => m.personId === fatou.id);
    expect(again.map((m) => m.channelIdentityId)).toEqual([telegram.id]);
  });

  it('attaches a Telegram chat to a person who joined on WhatsApp; both chats say so', async () => {
    const awa = await seedParticipant(t.test.db, {
      name: 'Awa',
      channel: 'whatsapp',
      platformId: AWA_WA.user_id!,
      phoneNumber: AWA_WA.wa_id!,
      at: new Date(Date.now() - 3600_000),
    });
    await fromWhatsapp(AWA_WA, 'LINK');
    const [given] = await whatsappTexts(AWA_WA, 1);
    expect(given).toContain('Telegram');
    await fromTelegram(AWA_CHAT, `LIER ${codeIn(given)}`);
    const [attached] = await telegramTexts(AWA_CHAT, 1);
    expect(attached).toContain('reliée au compte de Awa, avec WhatsApp');
    const [, told] = await whatsappTexts(AWA_WA, 2);
    expect(told).toContain('Votre compte Telegram est maintenant relié');
    const channels = await t.test.db.channelIdentity.findMany({ where: { personId: awa.personId } });
    expect(channels.map((i) => i.channel).sort()).toEqual(['telegram', 'whatsapp']);
  });

  it('shows both chats in MY DATA', async () => {
    await fromTelegram(AWA_CHAT, 'mes données');
    const texts = await telegramTexts(AWA_CHAT, 2);
    const data = texts[1]!.split('\n');
    expect(data.find((line) => line.startsWith('Comptes'))).toMatch(
      /^Comptes : .*(WhatsApp.*Telegram|Telegram.*WhatsApp)/,
    );
    expect(data).toContain('Pour détacher une de vos discussions : DÉLIER.');
  });

  it('DÉLIER TELEGRAM from WhatsApp detaches the Telegram chat, and both chats are told', async () => {
    const awa = await t.test.db.person.findFirstOrThrow({ where: { displayName: 'Awa' } });
    await fromWhatsapp(AWA_WA, 'DÉLIER TELEGRAM');
    const whatsapp = await whatsappTexts(AWA_WA, 3);
    expect(whatsapp[2]).toBe('Votre discussion Telegram est détachée de votre compte. Nos messages arriveront ici.');
    const telegram = await telegramTexts(AWA_CHAT, 3);
    expect(telegram[2]).toContain('Cette discussion Telegram est détachée de votre compte');
    const identity = await t.test.db.channelIdentity.findFirstOrThrow({
      where: { channel: 'telegram', platformId: String(AWA_CHAT) },
      include: { person: { include: { enrolments: true } } },
    });
    // The chat is someone with nothing now; Awa keeps her WhatsApp, and her enrolment.
    expect(identity.personId).not.toBe(awa.id);
    expect(identity.person).toMatchObject({ displayName: null, roles: [], enrolments: [] });
    expect(await t.test.db.channelIdentity.count({ where: { personId: awa.id } })).toBe(1);
    // Her last chat cannot go.
    await fromWhatsapp(AWA_WA, 'DÉLIER');
    expect((await whatsappTexts(AWA_WA, 4))[3]).toBe(
      'Vous n’avez qu’une discussion avec Compagnon : il n’y a rien à délier.',
    );
  });

  it('erases both chats of a linked person: no platform id, nothing personal left', async () => {
    const fatou = await t.test.db.person.findFirstOrThrow({ where: { displayName: 'Fatou' } });
    await fromTelegram(FATOU_CHAT, 'EFFACER');
    const asked = await waitFor(
      async () =>
        emulator.storage.botMessages.find(
          (m) => String(m.message.chat_id) === String(FATOU_CHAT) && m.message.reply_markup !== undefined,
        ),
      15_000,
      'the erasure question',
    );
    const client = emulator.getClient(TOKEN, { chatId: FATOU_CHAT, userId: FATOU_CHAT, firstName: 'Fatou' });
    await client.sendCallback(
      client.makeCallbackQuery('c:erase:yes', {
        message: { message_id: asked.messageId, text: asked.message.text, reply_markup: asked.message.reply_markup },
      }),
    );
    await waitFor(
      async () => ((await t.test.db.person.findUniqueOrThrow({ where: { id: fatou.id } })).erasedAt ? true : undefined),
      15_000,
      'the erasure',
    );
    const identities = await t.test.db.channelIdentity.findMany({ where: { personId: fatou.id } });
    expect(identities).toHaveLength(2);
    for (const identity of identities) {
      expect(identity.platformId).toBe(`erased:${identity.id}`);
      expect(identity.phoneNumber).toBeNull();
      expect(identity.username).toBeNull();
    }
    const stranded = await t.test.db.channelIdentity.count({
      where: {
        OR: [{ platformId: String(FATOU_CHAT) }, { platformId: FATOU_WA.user_id! }, { phoneNumber: FATOU_WA.wa_id! }],
      },
    });
    expect(stranded).toBe(0);
    expect(await t.test.db.person.findUniqueOrThrow({ where: { id: fatou.id } })).toMatchObject({ displayName: null });
  });
});
