import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../src/channels/telegram/index.ts';
import { createLogger } from '../../src/logger.ts';
import { startEmulator, type Emulator } from '../channels/telegram/emulator.ts';
import { ACCESS_TOKEN, APP_SECRET, createTestChannel } from '../channels/whatsapp/support/channel.ts';
import { GraphStandIn } from '../channels/whatsapp/support/graph-stand-in.ts';
import { metaJson, signAsMeta } from '../channels/whatsapp/support/meta-json.ts';
import { contactOf, messageFrom, messagesChange, webhookBody } from '../channels/whatsapp/support/meta-payloads.ts';
import { seedApplicationCall } from '../support/application-call.ts';
import { clockFrom, SAMPLE_DAYTIME } from '../support/clock.ts';
import { waitFor } from '../support/processes.ts';
import { importSample } from '../support/sample-programme.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const DAY_MS = 24 * 3600_000;
const TOKEN = '123456:apply-test-token';
const TELEGRAM = { chatId: 6120447, firstName: 'Ibrahima' };
const WHATSAPP = { user_id: 'CM.5512998877', wa_id: '237699887766', name: 'Mireille Ngo' };

interface Payload {
  kind: string;
  text?: string;
  choices?: { id: string; label: string }[];
}

/**
 * Applying on the real channels: on WhatsApp with the keyword (signed Meta-shaped payloads, files
 * downloaded from the Graph API stand-in), every type of question, then MY DATA and DELETE, which
 * leave nothing personal; on Telegram with the public deep link (`/start apply`) and its inline
 * buttons, up to the first file question (the emulator cannot send a file from a person: Telegram
 * files are downloaded as for exercises, see test/channels/telegram).
 */
describe('applying on WhatsApp and Telegram', () => {
  const graph = new GraphStandIn(ACCESS_TOKEN);
  let emulator: Emulator;
  let polling: { stop: () => Promise<void> };
  let t: TestApp;
  let waMessages = 0;
  let eventsSent = 0;

  beforeAll(async () => {
    await graph.start();
    emulator = await startEmulator();
    const whatsapp = createTestChannel(graph.url);
    const telegram = createTelegramChannel({
      config: { botToken: TOKEN, apiRoot: emulator.config.apiURL, mode: 'polling' },
      logger: createLogger({ LOG_LEVEL: 'silent' }),
    });
    t = await startTestApp({
      channels: { telegram: telegram.adapter, whatsapp: whatsapp.adapter },
      routes: [(app, { sink }) => whatsapp.registerWebhook(app, sink)],
      now: clockFrom(SAMPLE_DAYTIME),
    });
    await importSample(t.test.db);
    await seedApplicationCall(t.test.db, {
      opensAt: new Date(SAMPLE_DAYTIME.getTime() - DAY_MS),
      closesAt: new Date(SAMPLE_DAYTIME.getTime() + 10 * DAY_MS),
    });
    polling = telegram.startPolling(t.sink);
  }, 60_000);

  afterAll(async () => {
    await polling.stop();
    await t.close();
    await emulator.stop();
    await graph.stop();
  });

  /** Waits until every event sent is handled and every reply has gone out. */
  async function settle() {
    await waitFor(
      async () => {
        const [events, pending, queued] = await Promise.all([
          t.test.db.inboundEvent.count(),
          t.test.db.inboundEvent.count({ where: { status: 'received' } }),
          t.test.db.outboundMessage.count({ where: { status: { in: ['queued', 'sending'] } } }),
        ]);
        return events >= eventsSent && pending === 0 && queued === 0 ? true : undefined;
      },
      20_000,
      'everything handled and sent',
    );
  }

  /** The last `count` messages sent on `channel`, oldest first. */
  async function lastOut(channel: 'whatsapp' | 'telegram', count = 1): Promise<Payload[]> {
    const rows = await t.test.db.outboundMessage.findMany({
      where: { channel },
      orderBy: { sequence: 'desc' },
      take: count,
    });
    return rows.reverse().map((row) => row.payload as unknown as Payload);
  }

  const choiceOf = (payload: Payload | undefined, label: string) => {
    const found = payload?.choices?.find((c) => c.label === label);
    if (!found) throw new Error(`no "${label}" in ${JSON.stringify(payload)}`);
    return found.id;
  };

  async function byWhatsapp(message: Record<string, unknown>) {
    eventsSent++;
    const payload = metaJson(
      webhookBody(
        messagesChange({
          contacts: [contactOf(WHATSAPP)],
          messages: [
            {
              ...messageFrom(
                WHATSAPP,
                `wamid.apply-${++waMessages}`,
                String(Math.floor(t.context.now().getTime() / 1000)),
              ),
              ...message,
            },
          ],
        }),
      ),
    );
    const response = await t.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signAsMeta(payload, APP_SECRET) },
      payload,
    });
    expect(response.statusCode).toBe(200);
    await settle();
  }
  const waText = (body: string) => byWhatsapp({ type: 'text', text: { body } });
  const waChoice = (id: string, title: string) =>
    byWhatsapp({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id, title } } });
  async function waMedia(kind: 'photo' | 'voice' | 'video' | 'document') {
    const mimeType = { photo: 'image/jpeg', voice: 'audio/ogg', video: 'video/mp4', document: 'application/pdf' }[kind];
    const mediaId = `media-apply-${kind}`;
    graph.addMedia(mediaId, { data: Buffer.from(`le fichier ${kind} de Mireille`), mimeType });
    const type = kind === 'photo' ? 'image' : kind === 'voice' ? 'audio' : kind;
    return byWhatsapp({
      type,
      [type]: { id: mediaId, mime_type: mimeType, sha256: 'x', ...(kind === 'voice' && { voice: true }) },
    });
  }

  it('on WhatsApp, POSTULER leads through every type of question to the thanks', async () => {
    await waText('POSTULER');
    const [language] = await lastOut('whatsapp');
    expect(language?.choices?.map((c) => c.label)).toEqual(['Français', 'English']);
    await waChoice(choiceOf(language, 'Français'), 'Français');
    const [consent] = await lastOut('whatsapp');
    await waChoice(choiceOf(consent, "J'accepte"), "J'accepte");
    const [name] = await lastOut('whatsapp');
    // The name WhatsApp shows is offered.
    await waChoice(choiceOf(name, 'Garder « Mireille Ngo »'), 'Garder');
    await waText('Cameroun');
    expect((await lastOut('whatsapp'))[0]?.text).toBe('Dans quelle ville vivez-vous ?');
    await waText('Yaoundé');
    await waText('Une radio communautaire');
    await waText('qui parle de budgets publics.');
    const [saved] = await lastOut('whatsapp');
    await waChoice(choiceOf(saved, 'Suivant ✓'), 'Suivant');
    const [stage] = await lastOut('whatsapp');
    await waChoice(choiceOf(stage, 'Idée'), 'Idée');
    const [topics] = await lastOut('whatsapp');
    await waChoice(choiceOf(topics, 'Médias'), 'Médias');
    await waChoice(choiceOf(topics, 'Terminé ✓'), 'Terminé');
    await waText('5');
    await waText('3');
    expect((await lastOut('whatsapp'))[0]?.text).toBe('Question 6/9 : Une photo de votre équipe.');
    await waMedia('photo');
    await waMedia('voice');
    await waMedia('video');
    await waMedia('document');
    const [summary, buttons] = await lastOut('whatsapp', 2);
    expect(summary?.text).toContain(
      '1. Décrivez votre projet.\n   → Une radio communautaire\nqui parle de budgets publics.',
    );
    await waChoice(choiceOf(buttons, 'Envoyer ✓'), 'Envoyer');
    expect((await lastOut('whatsapp'))[0]?.text).toBe(
      'Merci, votre candidature est reçue.\nVous recevrez la décision ici même.',
    );

    const application = await t.test.db.application.findFirstOrThrow({
      where: { person: { identities: { some: { channel: 'whatsapp' } } } },
      include: { answers: true, person: true },
    });
    expect(application).toMatchObject({ status: 'submitted', city: 'Yaoundé' });
    expect(application.person).toMatchObject({ country: 'CM', displayName: 'Mireille Ngo', locale: 'fr', roles: [] });
    expect(application.answers).toHaveLength(9);
    expect(application.answers.filter((a) => a.mediaFileId !== null)).toHaveLength(4);
  });

  it('on WhatsApp, MY DATA shows the application, and DELETE leaves nothing personal of it', async () => {
    const person = await t.test.db.person.findFirstOrThrow({
      where: { identities: { some: { channel: 'whatsapp' } } },
      include: { mediaFiles: true },
    });
    const application = await t.test.db.application.findFirstOrThrow({ where: { personId: person.id } });
    const reviewer = await t.test.db.person.create({ data: { displayName: 'Relectrice', roles: ['staff'] } });
    await t.test.db.applicationReview.create({
      data: { applicationId: application.id, reviewerId: reviewer.id, score: 4, comment: 'Radio à Yaoundé, solide' },
    });

    await waText('MES DONNÉES');
    const [data] = await lastOut('whatsapp');
    expect(data?.text).toContain(
      'Candidatures : Connexions citoyennes (envoyée, 9 réponses, 4 fichiers ; pays : Cameroun ; ville : Yaoundé)',
    );
    expect(data?.text).toContain('(candidature, version 1)');

    await waText('EFFACER');
    const [confirm] = await lastOut('whatsapp');
    await waChoice(choiceOf(confirm, 'Oui, tout effacer'), 'Oui');

    expect(await t.test.db.application.count({ where: { personId: person.id } })).toBe(0);
    expect(await t.test.db.applicationAnswer.count({ where: { applicationId: application.id } })).toBe(0);
    expect(await t.test.db.applicationReview.count({ where: { applicationId: application.id } })).toBe(0);
    expect(await t.test.db.mediaFile.count({ where: { personId: person.id } })).toBe(0);
    for (const file of person.mediaFiles) {
      await waitFor(
        async () => (existsSync(path.join(t.mediaDir, file.path)) ? undefined : true),
        5_000,
        'the file deleted',
      );
    }
    const erased = await t.test.db.person.findUniqueOrThrow({ where: { id: person.id } });
    expect(erased).toMatchObject({ displayName: null, country: null, timeZone: null });
    expect(erased.erasedAt).not.toBeNull();
    const outbox = await t.test.db.outboundMessage.findMany({ where: { personId: person.id } });
    const kept = outbox.map((m) => JSON.stringify(m.payload)).join('\n');
    for (const personal of ['Yaoundé', 'Mireille', 'radio communautaire', 'Cameroun'])
      expect(kept).not.toContain(personal);
    const inbound = await t.test.db.inboundEvent.findMany({ where: { personId: person.id } });
    expect(inbound.map((e) => JSON.stringify(e.payload)).join('\n')).not.toContain('Yaoundé');
  });

  it('on Telegram, the public deep link opens the application', async () => {
    const client = emulator.getClient(TOKEN, {
      chatId: TELEGRAM.chatId,
      userId: TELEGRAM.chatId,
      firstName: TELEGRAM.firstName,
    });
    const bot = () => emulator.storage.botMessages.filter((m) => String(m.message.chat_id) === String(TELEGRAM.chatId));
    const at = (count: number) =>
      waitFor(async () => (bot().length >= count ? bot() : undefined), 15_000, `${count} bot messages`);
    const tap = async (index: number, label: string) => {
      const message = (await at(index + 1))[index]!;
      const keyboard = message.message.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
      const key = keyboard.inline_keyboard.flat().find((b) => b.text === label);
      if (!key) throw new Error(`no "${label}" in ${JSON.stringify(keyboard)}`);
      await client.sendCallback(
        client.makeCallbackQuery(key.callback_data, {
          message: { message_id: message.messageId, text: message.message.text, reply_markup: keyboard },
        }),
      );
    };

    await client.sendCommand(client.makeCommand('/start apply'));
    expect((await at(1))[0]?.message.text).toContain('Dans quelle langue voulez-vous postuler ?');
    await tap(0, 'English');
    expect((await at(2))[1]?.message.text).toContain('We keep your application until the selection');
    await tap(1, 'I agree');
    expect((await at(3))[2]?.message.text).toBe('What is your name?');
    await tap(2, 'Keep "Ibrahima"');
    await at(4);
    await client.sendMessage(client.makeMessage('Senegal'));
    expect((await at(5))[4]?.message.text).toBe('Which city do you live in?');
    await client.sendMessage(client.makeMessage('Thiès'));
    const messages = await at(7);
    expect(messages[6]?.message.text).toBe('Question 1/9: Describe your project.');

    // The questions answered with Telegram's own buttons (inline keyboards and their callbacks):
    // a text in two messages then Next, a choice, two picks then Done, a scale, a typed number.
    await client.sendMessage(client.makeMessage('A map of the water points of Thiès,'));
    expect((await at(8))[7]?.message.text).toContain('You can add more in another message');
    await client.sendMessage(client.makeMessage('kept up to date by the neighbourhoods.'));
    await tap(8, 'Next ✓');
    expect((await at(10))[9]?.message.text).toBe('Question 2/9: How far along is your project?');
    await tap(9, 'Running');
    expect((await at(11))[10]?.message.text).toBe('Question 3/9: Your topics?');
    await tap(10, 'Data');
    expect((await at(12))[11]?.message.text).toContain('Selected: Data.');
    await tap(11, 'Health');
    await tap(12, 'Done ✓');
    expect((await at(14))[13]?.message.text).toBe('Question 4/9: Your motivation?');
    await tap(13, '4');
    expect((await at(15))[14]?.message.text).toBe('Question 5/9: How many are you?');
    await client.sendMessage(client.makeMessage('6'));
    expect((await at(16))[15]?.message.text).toBe('Question 6/9: A photo of your team.');

    const application = await t.test.db.application.findFirstOrThrow({
      where: { person: { identities: { some: { channel: 'telegram' } } } },
      include: { person: true },
    });
    expect(application).toMatchObject({
      status: 'started',
      city: 'Thiès',
      consentVersion: '1',
      currentPosition: 5,
    });
    const answers = await t.test.db.applicationAnswer.findMany({ where: { applicationId: application.id } });
    expect(Object.fromEntries(answers.map((a) => [a.questionKey, a.value]))).toEqual({
      project: { text: 'A map of the water points of Thiès,\nkept up to date by the neighbourhoods.' },
      stage: { choices: ['running'] },
      topics: { choices: ['data', 'health'] },
      motivation: { number: 4 },
      team_size: { number: 6 },
    });
    expect(application.person).toMatchObject({ displayName: 'Ibrahima', country: 'SN', locale: 'en' });
  });
});
