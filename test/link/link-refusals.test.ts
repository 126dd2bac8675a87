import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../src/channels/telegram/index.ts';
import { createLogger } from '../../src/logger.ts';
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

const TOKEN = '123456:link-refusals-token';
const LINK_CODE_VALID_MS = 10 * 60_000;

/** Someone on WhatsApp, number `n`: a fresh chat unless seeded. */
const onWhatsapp = (n: number): Person => ({
  wa_id: `22507000${String(n).padStart(5, '0')}`,
  user_id: `CI.2000000000${String(n).padStart(5, '0')}`,
  name: `WhatsApp ${n}`,
});

/**
 * What LIER refuses, each with its own answer, and DÉLIER's buttons: codes asked on WhatsApp (the
 * Graph API stand-in) and typed on Telegram (the emulator), under a clock the test moves.
 */
describe('link codes refused, used once, and chats detached', () => {
  const graph = new GraphStandIn(ACCESS_TOKEN);
  let emulator: Emulator;
  let polling: { stop: () => Promise<void> };
  let t: TestApp;
  let shift = 0;
  let sequence = 0;
  const clock = clockFrom(SAMPLE_DAYTIME);

  beforeAll(async () => {
    emulator = await startEmulator();
    await graph.start();
    const telegram = createTelegramChannel({
      config: { botToken: TOKEN, apiRoot: emulator.config.apiURL, mode: 'polling' },
      logger: createLogger({ LOG_LEVEL: 'silent' }),
    });
    const whatsapp = createTestChannel(graph.url);
    t = await startTestApp({
      now: () => new Date(clock().getTime() + shift),
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

  async function fromWhatsapp(person: Person, body: string) {
    sequence += 1;
    const payload = metaJson(
      messagesFrom(person, textFrom(person, `wamid.refusal-${sequence}`, body, String(Math.floor(Date.now() / 1000)))),
    );
    const response = await t.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signAsMeta(payload, APP_SECRET) },
      payload,
    });
    expect(response.statusCode).toBe(200);
  }

  async function lastWhatsappText(person: Person, count: number) {
    const texts = await waitFor(
      async () => {
        const sent = graph.messageRequests
          .filter((r) => r.to === person.wa_id && r.type !== undefined)
          .map((r) => (r.text as { body: string } | undefined)?.body ?? JSON.stringify(r));
        return sent.length >= count ? sent : undefined;
      },
      15_000,
      `${count} WhatsApp messages to ${person.name}`,
    );
    return texts[count - 1];
  }

  function telegramMessages(chatId: number, count: number) {
    return waitFor(
      async () => {
        const sent = emulator.storage.botMessages.filter((m) => String(m.message.chat_id) === String(chatId));
        return sent.length >= count ? sent : undefined;
      },
      15_000,
      `${count} Telegram messages to chat ${chatId}`,
    );
  }

  async function lastTelegramText(chatId: number, count: number) {
    return (await telegramMessages(chatId, count))[count - 1]?.message.text as string | undefined;
  }

  function telegramClient(chatId: number) {
    return emulator.getClient(TOKEN, { chatId, userId: chatId, firstName: 'Someone' });
  }

  async function fromTelegram(chatId: number, text: string) {
    const client = telegramClient(chatId);
    await client.sendMessage(client.makeMessage(text));
  }

  /** A participant on WhatsApp number `n` asks for a code; returns it. */
  async function codeFor(n: number, count: number) {
    await fromWhatsapp(onWhatsapp(n), 'LIER');
    return codeIn(await lastWhatsappText(onWhatsapp(n), count));
  }

  const identitiesOf = (personId: string) => t.test.db.channelIdentity.findMany({ where: { personId } });
  const seeded: Record<string, { personId: string }> = {};

  async function seed(name: string, n: number) {
    const person = onWhatsapp(n);
    seeded[name] = await seedParticipant(t.test.db, {
      name,
      channel: 'whatsapp',
      platformId: person.user_id!,
      phoneNumber: person.wa_id!,
      at: SAMPLE_DAYTIME,
    });
    return seeded[name];
  }

  it('tells a newcomer to join first', async () => {
    await fromTelegram(8001, 'LIER');
    expect(await lastTelegramText(8001, 1)).toContain('il faut d’abord avoir rejoint le programme');
    expect(await t.test.db.linkCode.count()).toBe(0);
  });

  it('refuses a code typed in the chat that asked for it, or on the same platform', async () => {
    const fatou = await seed('Fatou', 11);
    const code = await codeFor(11, 1);
    await fromWhatsapp(onWhatsapp(11), `LIER ${code}`);
    expect(await lastWhatsappText(onWhatsapp(11), 2)).toBe(
      'Ce code est à écrire sur votre autre application (WhatsApp ou Telegram), pas dans cette discussion.',
    );
    await fromWhatsapp(onWhatsapp(21), `LIER ${code}`);
    expect(await lastWhatsappText(onWhatsapp(21), 1)).toContain('Ce code vient déjà de WhatsApp');
    expect(await identitiesOf(fatou.personId)).toHaveLength(1);
  });

  it('refuses an unknown code, then a chat whose person has data (nothing merged); the code still works after', async () => {
    const fatou = seeded.Fatou!;
    await fromTelegram(8002, 'LIER AAA-AAA');
    expect(await lastTelegramText(8002, 1)).toBe(
      'Ce code n’existe pas. Vérifiez-le, ou demandez-en un nouveau en écrivant LIER sur votre autre application.',
    );
    const code = await codeFor(11, 3);
    const moussa = await seedParticipant(t.test.db, {
      name: 'Moussa',
      channel: 'telegram',
      platformId: '8003',
      at: SAMPLE_DAYTIME,
    });
    await fromTelegram(8003, `LIER ${code}`);
    expect(await lastTelegramText(8003, 1)).toContain('nous ne mélangeons pas deux comptes sans votre accord');
    expect(await identitiesOf(moussa.personId)).toHaveLength(1);
    expect(await identitiesOf(fatou.personId)).toHaveLength(1);
    expect(await t.test.db.enrolment.count({ where: { personId: moussa.personId } })).toBe(1);

    await fromTelegram(8002, `LIER ${code}`);
    expect(await lastTelegramText(8002, 2)).toContain('reliée au compte de Fatou, avec WhatsApp');
    expect(await lastWhatsappText(onWhatsapp(11), 4)).toContain('Votre compte Telegram est maintenant relié');
    expect((await identitiesOf(fatou.personId)).map((i) => i.channel).sort()).toEqual(['telegram', 'whatsapp']);

    // Used once: the same code again, from another chat, is refused.
    await fromTelegram(8004, `LIER ${code}`);
    expect(await lastTelegramText(8004, 1)).toContain('Ce code a déjà servi');
  });

  it('refuses a code typed 10 minutes and 1 second after it was given', async () => {
    const binta = await seed('Binta', 12);
    const code = await codeFor(12, 1);
    shift += LINK_CODE_VALID_MS + 1000;
    await fromTelegram(8005, `LIER ${code}`);
    expect(await lastTelegramText(8005, 1)).toBe(
      'Ce code a expiré (il vaut 10 minutes). Écrivez LIER sur votre autre application pour en obtenir un nouveau.',
    );
    expect(await identitiesOf(binta.personId)).toHaveLength(1);
  });

  it('attaches one chat only when the same code is typed in two chats at once', async () => {
    const binta = seeded.Binta!;
    // The earlier, expired code is replaced by the new one.
    const code = await codeFor(12, 2);
    expect(await t.test.db.linkCode.count({ where: { personId: binta.personId } })).toBe(1);
    await Promise.all([fromTelegram(8006, `LIER ${code}`), fromTelegram(8007, `LIER ${code}`)]);
    const answers = [await lastTelegramText(8006, 1), await lastTelegramText(8007, 1)];
    expect(answers.filter((a) => a?.includes('reliée au compte de Binta'))).toHaveLength(1);
    expect(answers.filter((a) => a?.includes('Ce code a déjà servi'))).toHaveLength(1);
    expect(await identitiesOf(binta.personId)).toHaveLength(2);
  });

  it('asks a chat that typed too many codes to wait, even with a right one', async () => {
    for (const guess of ['AAA-AAC', 'AAA-AAD', 'AAA-AAE', 'AAA-AAF', 'AAA-AAG']) {
      await fromTelegram(8008, `LIER ${guess}`);
    }
    await telegramMessages(8008, 5);
    const coumba = await seed('Coumba', 13);
    const code = await codeFor(13, 1);
    await fromTelegram(8008, `LIER ${code}`);
    expect(await lastTelegramText(8008, 6)).toContain('Trop de codes essayés depuis cette discussion');
    expect(await identitiesOf(coumba.personId)).toHaveLength(1);
  });

  it('DÉLIER lists the chats as buttons and detaches the one chosen; both chats are told', async () => {
    const fatou = seeded.Fatou!;
    await fromTelegram(8002, 'délier');
    const [question] = (await telegramMessages(8002, 3)).slice(2);
    const keyboard = question?.message.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    const buttons = keyboard.inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual(['WhatsApp 2250700000011', 'Telegram @testUserName']);
    const client = telegramClient(8002);
    await client.sendCallback(
      client.makeCallbackQuery(buttons[0]!.callback_data, {
        message: { message_id: question!.messageId, text: question!.message.text, reply_markup: keyboard },
      }),
    );
    expect(await lastTelegramText(8002, 4)).toBe(
      'Votre discussion WhatsApp est détachée de votre compte. Nos messages arriveront ici.',
    );
    expect(await lastWhatsappText(onWhatsapp(11), 5)).toContain(
      'Cette discussion WhatsApp est détachée de votre compte',
    );
    expect((await identitiesOf(fatou.personId)).map((i) => i.channel)).toEqual(['telegram']);
  });

  it('DÉLIER TELEGRAM typed on Telegram detaches that very chat; the other chat is told', async () => {
    const binta = seeded.Binta!;
    const linked = await t.test.db.channelIdentity.findFirstOrThrow({
      where: { personId: binta.personId, channel: 'telegram' },
    });
    const chat = Number(linked.platformId);
    await fromTelegram(chat, 'DÉLIER TELEGRAM');
    expect(await lastTelegramText(chat, 2)).toContain('Cette discussion Telegram est détachée de votre compte');
    expect(await lastWhatsappText(onWhatsapp(12), 4)).toBe(
      'Votre discussion Telegram est détachée de votre compte. Nos messages arriveront ici.',
    );
    const detached = await t.test.db.channelIdentity.findUniqueOrThrow({
      where: { id: linked.id },
      include: { person: true },
    });
    expect(detached.person).toMatchObject({ displayName: null, roles: [] });
    // What the chat writes next is the new person's: a newcomer's answer.
    await fromTelegram(chat, 'aide');
    expect(await lastTelegramText(chat, 3)).toContain('REJOINDRE');
  });
});
