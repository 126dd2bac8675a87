import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../../src/channels/telegram/index.ts';
import { createLogger } from '../../../src/logger.ts';
import { createInviteCodes } from '../../../src/store/invites/create-invite-codes.ts';
import { importSample } from '../../support/sample-programme.ts';
import { waitFor } from '../../support/processes.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';
import { startEmulator, type Emulator } from './emulator.ts';

const TOKEN = '123456:pipeline-test-token';
const CHAT_ID = 7070;

/**
 * Telegram through the whole pipeline, against the telegram-test-api emulator: updates are
 * polled, recorded in PostgreSQL, handled by the workers, and the replies delivered to the chat.
 */
describe('Telegram end to end', () => {
  let emulator: Emulator;
  let t: TestApp;
  let polling: { stop: () => Promise<void> };

  beforeAll(async () => {
    emulator = await startEmulator();
    const channel = createTelegramChannel({
      config: { botToken: TOKEN, apiRoot: emulator.config.apiURL, mode: 'polling' },
      logger: createLogger({ LOG_LEVEL: 'silent' }),
    });
    t = await startTestApp({ channels: { telegram: channel.adapter } });
    await importSample(t.test.db);
    polling = channel.startPolling(t.sink);
  });

  afterAll(async () => {
    await polling.stop();
    await t.close();
    await emulator.stop();
  });

  /** What the bot has sent to the chat so far, oldest first. */
  function botMessages() {
    return emulator.storage.botMessages.filter((m) => String(m.message.chat_id) === String(CHAT_ID));
  }

  async function botMessagesAtLeast(count: number) {
    return waitFor(
      async () => (botMessages().length >= count ? botMessages() : undefined),
      15_000,
      `${count} bot messages`,
    );
  }

  it('answers a command and a text, offers an inline choice, and follows the pick', async () => {
    const client = emulator.getClient(TOKEN, { chatId: CHAT_ID, userId: CHAT_ID, firstName: 'Moussa' });
    await client.sendCommand(client.makeCommand('/help'));
    await client.sendMessage(client.makeMessage('langue'));
    const [help, question] = await botMessagesAtLeast(2);
    // Not joined yet: help is how to join.
    expect(help?.message.text).toContain('REJOINDRE');
    expect(question?.message.text).toBe('Dans quelle langue voulez-vous échanger ?');
    const keyboard = question?.message.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    expect(keyboard.inline_keyboard.flat()).toEqual([
      { text: 'Français', callback_data: 'c:lang:fr' },
      { text: 'English', callback_data: 'c:lang:en' },
    ]);

    await client.sendCallback(
      client.makeCallbackQuery('c:lang:en', {
        message: { message_id: question!.messageId, text: question!.message.text, reply_markup: keyboard },
      }),
    );
    const messages = await botMessagesAtLeast(3);
    expect(messages[2]?.message.text).toBe('Noted: I will write to you in English.');
    await waitFor(
      async () => (botMessages()[1]?.message.text?.endsWith('✓ English') ? true : undefined),
      10_000,
      'the question showing the pick',
    );

    const events = await t.test.db.inboundEvent.findMany({
      where: { channel: 'telegram' },
      orderBy: { sequence: 'asc' },
    });
    expect(events.map((e) => (e.payload as { kind: string }).kind)).toEqual(['command', 'text', 'choice']);
    expect(events.every((e) => e.status === 'processed')).toBe(true);
    const sent = await t.test.db.outboundMessage.findMany({ where: { channel: 'telegram' } });
    expect(sent.map((m) => m.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('joins with a deep link: /start <code> leads to the language choice', async () => {
    const cohort = await t.test.db.cohort.findFirstOrThrow();
    const [code] = await createInviteCodes(t.test.db, { cohortId: cohort.id, role: 'participant', count: 1 });
    const client = emulator.getClient(TOKEN, { chatId: 8080, userId: 8080, firstName: 'Aminata' });
    await client.sendCommand(client.makeCommand(`/start ${code}`));
    const messages = await waitFor(
      async () => {
        const sent = emulator.storage.botMessages.filter((m) => String(m.message.chat_id) === '8080');
        return sent.length > 0 ? sent : undefined;
      },
      15_000,
      'the language question',
    );
    const keyboard = messages[0]?.message.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    expect(keyboard.inline_keyboard.flat().map((b) => b.callback_data)).toEqual(['c:join-lang:fr', 'c:join-lang:en']);
    expect((await t.test.db.inviteCode.findUniqueOrThrow({ where: { code: code! } })).uses).toBe(1);
  });
});
