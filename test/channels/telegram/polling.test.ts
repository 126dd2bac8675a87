import { Api } from 'grammy';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTelegramChannel, type TelegramChannel } from '../../../src/channels/telegram/index.ts';
import { createLogger } from '../../../src/logger.ts';
import { waitFor } from '../../support/processes.ts';
import { startEmulator, type Emulator } from './emulator.ts';
import { FakeBotApi, updateQueue } from './fake-bot-api.ts';
import { MemorySink } from './memory-sink.ts';

const logger = createLogger({ LOG_LEVEL: 'silent' });
const TOKEN = '123456:polling-test-token';
const CHAT_ID = 4242;

describe('Telegram channel in polling mode, against telegram-test-api', () => {
  let emulator: Emulator;
  let channel: TelegramChannel;
  const sink = new MemorySink();
  let polling: { stop: () => Promise<void> };

  beforeAll(async () => {
    emulator = await startEmulator();
    channel = createTelegramChannel({
      config: { botToken: TOKEN, apiRoot: emulator.config.apiURL, mode: 'polling' },
      logger,
    });
    polling = channel.startPolling(sink);
  });

  afterAll(async () => {
    await polling.stop();
    await emulator.stop();
  });

  afterEach(() => vi.restoreAllMocks());

  it('hands a /start command and a text to the sink, in the order they were sent', async () => {
    const client = emulator.getClient(TOKEN, {
      chatId: CHAT_ID,
      userId: CHAT_ID,
      firstName: 'Moussa',
      userName: 'moussa_k',
    });
    await client.sendCommand(client.makeCommand('/start ABCD2345'));
    await client.sendMessage(client.makeMessage('Bonjour !'));

    await waitFor(async () => (sink.events.length >= 2 ? true : undefined), 10_000, 'two events in the sink');
    expect(sink.events).toEqual([
      expect.objectContaining({
        kind: 'command',
        command: 'start',
        argument: 'ABCD2345',
        sender: expect.objectContaining({ platformId: String(CHAT_ID) }),
      }),
      expect.objectContaining({
        kind: 'text',
        text: 'Bonjour !',
        sender: expect.objectContaining({ platformId: String(CHAT_ID), displayName: 'Moussa', username: 'moussa_k' }),
      }),
    ]);
  });

  it('shows choices as an inline keyboard; a pick is recorded, then answered and shown on the message', async () => {
    const client = emulator.getClient(TOKEN, { chatId: CHAT_ID, userId: CHAT_ID });
    const order: string[] = [];
    sink.onRecorded = () => order.push('recorded');
    const answer = Api.prototype.answerCallbackQuery;
    const answered = vi.spyOn(Api.prototype, 'answerCallbackQuery').mockImplementation(function (this: Api, ...args) {
      order.push('answered');
      return answer.apply(this, args);
    });

    const sent = await channel.adapter.send(
      { channel: 'telegram', platformId: String(CHAT_ID) },
      {
        kind: 'choices',
        text: 'Prêt pour la semaine 3 ?',
        choices: [
          { id: 'yes', label: 'Oui' },
          { id: 'later', label: 'Plus tard' },
        ],
      },
    );
    const seen = await client.getUpdates();
    const shown = seen.result.at(-1);
    expect(String(shown?.messageId)).toBe(sent.platformMessageId);
    expect(shown?.message.text).toBe('Prêt pour la semaine 3 ?');
    const keyboard = {
      inline_keyboard: [
        [
          { text: 'Oui', callback_data: 'c:yes' },
          { text: 'Plus tard', callback_data: 'c:later' },
        ],
      ],
    };
    expect(shown?.message.reply_markup).toEqual(keyboard);

    const before = sink.events.length;
    await client.sendCallback(
      client.makeCallbackQuery('c:later', {
        message: {
          message_id: Number(sent.platformMessageId),
          text: 'Prêt pour la semaine 3 ?',
          reply_markup: keyboard,
        },
      }),
    );
    await waitFor(async () => (sink.events.length > before ? true : undefined), 10_000, 'the choice in the sink');
    expect(sink.events.at(-1)).toMatchObject({
      kind: 'choice',
      choiceId: 'later',
      label: 'Plus tard',
      inReplyTo: sent.platformMessageId,
      sender: { channel: 'telegram', platformId: String(CHAT_ID) },
    });

    const edited = await waitFor(
      async () => {
        const message = emulator.storage.botMessages.find(
          (m) => String(m.messageId) === sent.platformMessageId,
        )?.message;
        return message?.text !== 'Prêt pour la semaine 3 ?' ? message : undefined;
      },
      10_000,
      'the message edited',
    );
    expect(edited?.text).toBe('Prêt pour la semaine 3 ?\n\n✓ Plus tard');
    expect(edited?.reply_markup).toEqual({ inline_keyboard: [] });
    expect(answered).toHaveBeenCalledTimes(1);
    expect(order).toEqual(['recorded', 'answered']);
  });
});

describe('Telegram polling when the sink fails', () => {
  const TOKEN_2 = '123456:offset-test-token';
  let api: FakeBotApi;
  const sink = new MemorySink();
  let polling: { stop: () => Promise<void> } | undefined;

  beforeAll(async () => {
    // telegram-test-api forgets an update once it has handed it out, whatever the offset; Telegram
    // keeps it until a later offset confirms it. This stand-in does as Telegram does.
    api = await new FakeBotApi(TOKEN_2).start();
  });

  afterAll(async () => {
    await polling?.stop();
    await api.stop();
  });

  it('does not move the offset past an update the sink could not record, so the update comes again', async () => {
    const queue = updateQueue(api);
    const chat = { id: 99, type: 'private', first_name: 'Fatou' };
    queue.push(
      { update_id: 500, message: { message_id: 1, chat, date: 1772442000, text: 'première réponse' } },
      { update_id: 501, message: { message_id: 2, chat, date: 1772442001, text: 'deuxième réponse' } },
    );
    sink.down = true;
    const channel = createTelegramChannel({
      config: { botToken: TOKEN_2, apiRoot: api.apiRoot, mode: 'polling' },
      logger,
    });
    polling = channel.startPolling(sink);

    await waitFor(async () => (sink.attempts.length >= 1 ? true : undefined), 10_000, 'a first attempt to record');
    expect(sink.events).toEqual([]);
    sink.down = false;
    await waitFor(
      async () => (sink.events.length === 2 ? true : undefined),
      10_000,
      'both updates recorded once the sink works',
    );
    expect(sink.events.map((e) => e.platformEventId)).toEqual(['500', '501']);
    await waitFor(
      async () => (api.callsOf('getUpdates').some((c) => c.body.offset === 502) ? true : undefined),
      10_000,
      'offset confirmed',
    );

    // Every getUpdates before the successful record asked again from the start: nothing confirmed.
    const offsets = api.callsOf('getUpdates').map((c) => c.body.offset);
    const firstConfirmation = offsets.indexOf(502);
    expect(offsets.slice(0, firstConfirmation).every((offset) => offset === undefined)).toBe(true);
    expect(offsets.slice(0, firstConfirmation).length).toBeGreaterThanOrEqual(2);
    expect(api.callsOf('getUpdates')[0]?.body.allowed_updates).toEqual(['message', 'callback_query']);
  });

  it('stops promptly, even in the middle of a long poll', async () => {
    // Telegram holds getUpdates open for up to `timeout` seconds when there is nothing new.
    let pending = 0;
    api.methods.set('getUpdates', (_body, reply) => {
      pending += 1;
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve([]), 20_000);
        reply.raw.once('close', () => {
          clearTimeout(timer);
          resolve([]);
        });
      });
    });
    await waitFor(async () => (pending > 0 ? true : undefined), 10_000, 'a long poll under way');
    const started = Date.now();
    await polling?.stop();
    polling = undefined;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
