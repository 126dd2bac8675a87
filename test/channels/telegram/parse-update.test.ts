import { describe, expect, it } from 'vitest';
import { parseUpdate } from '../../../src/channels/telegram/parse-update.ts';

const RECEIVED_AT = new Date('2026-03-02T09:00:05.000Z');
// 2026-03-02T09:00:00Z in Unix seconds, as the Bot API dates messages.
const DATE = 1772442000;

const aminata = {
  id: 512000111,
  is_bot: false,
  first_name: 'Aminata',
  last_name: 'Traoré',
  username: 'aminata_t',
  language_code: 'fr',
};
const privateChat = {
  id: 512000111,
  first_name: 'Aminata',
  last_name: 'Traoré',
  username: 'aminata_t',
  type: 'private',
};
const sender = {
  channel: 'telegram',
  platformId: '512000111',
  username: 'aminata_t',
  displayName: 'Aminata Traoré',
  languageCode: 'fr',
};

function messageUpdate(updateId: number, fields: Record<string, unknown>) {
  return {
    update_id: updateId,
    message: { message_id: 40 + updateId, from: aminata, chat: privateChat, date: DATE, ...fields },
  };
}

function eventsOf(body: unknown) {
  const parsed = parseUpdate(body, RECEIVED_AT);
  if (!parsed.valid) throw new Error(`expected a valid update: ${parsed.reason}`);
  return parsed.events;
}

describe('parseUpdate', () => {
  it('reads a text message with its sender and date', () => {
    expect(eventsOf(messageUpdate(1001, { text: 'Bonjour, je suis prête' }))).toEqual([
      {
        channel: 'telegram',
        platformEventId: '1001',
        sender,
        sentAt: '2026-03-02T09:00:00.000Z',
        kind: 'text',
        text: 'Bonjour, je suis prête',
      },
    ]);
  });

  it('reads /start with a deep-link payload as a command and its argument', () => {
    const update = messageUpdate(1002, {
      text: '/start ABCD2345',
      entities: [{ offset: 0, length: 6, type: 'bot_command' }],
    });
    expect(eventsOf(update)).toEqual([
      expect.objectContaining({ kind: 'command', command: 'start', argument: 'ABCD2345', platformEventId: '1002' }),
    ]);
  });

  it('drops the bot name from /help@CompagnonBot and lower-cases the command', () => {
    const update = messageUpdate(1003, {
      text: '/Help@CompagnonBot  ',
      entities: [{ offset: 0, length: 18, type: 'bot_command' }],
    });
    expect(eventsOf(update)).toEqual([expect.objectContaining({ kind: 'command', command: 'help', argument: '' })]);
  });

  it('treats a command that does not start the text as plain text', () => {
    const update = messageUpdate(1004, {
      text: 'tape /start',
      entities: [{ offset: 5, length: 6, type: 'bot_command' }],
    });
    expect(eventsOf(update)).toEqual([expect.objectContaining({ kind: 'text', text: 'tape /start' })]);
  });

  it('reads a pressed button as a choice, with the button label and the message it belonged to', () => {
    const update = {
      update_id: 1005,
      callback_query: {
        id: '4382bfdwdsb323b2d9',
        from: aminata,
        chat_instance: '-8457845120043',
        data: 'c:motivated',
        message: {
          message_id: 77,
          from: { id: 777000, is_bot: true, first_name: 'Compagnon', username: 'CompagnonBot' },
          chat: privateChat,
          date: DATE - 60,
          text: 'Comment te sens-tu cette semaine ?',
          reply_markup: {
            inline_keyboard: [
              [
                { text: 'Motivée', callback_data: 'c:motivated' },
                { text: 'Fatiguée', callback_data: 'c:tired' },
              ],
            ],
          },
        },
      },
    };
    expect(eventsOf(update)).toEqual([
      {
        channel: 'telegram',
        platformEventId: '1005',
        sender,
        // Callback queries carry no date: the time they were received stands in.
        sentAt: RECEIVED_AT.toISOString(),
        kind: 'choice',
        choiceId: 'motivated',
        label: 'Motivée',
        inReplyTo: '77',
      },
    ]);
  });

  it('reads a button that is not one of ours as unsupported', () => {
    const update = {
      update_id: 1006,
      callback_query: {
        id: '1',
        from: aminata,
        data: 'legacy-button',
        message: { message_id: 3, chat: privateChat, date: DATE },
      },
    };
    expect(eventsOf(update)).toEqual([expect.objectContaining({ kind: 'unsupported', description: 'button' })]);
  });

  it('keeps the largest size of a photo, with its caption', () => {
    const update = messageUpdate(1007, {
      caption: 'Notre atelier à Ouagadougou',
      photo: [
        { file_id: 'AgACAgQAAxkBAAIBsmall', file_unique_id: 'AQADs', file_size: 1520, width: 90, height: 67 },
        { file_id: 'AgACAgQAAxkBAAIBlarge', file_unique_id: 'AQADl', file_size: 98311, width: 1280, height: 960 },
        { file_id: 'AgACAgQAAxkBAAIBmedium', file_unique_id: 'AQADm', file_size: 21504, width: 320, height: 240 },
      ],
    });
    expect(eventsOf(update)).toEqual([
      expect.objectContaining({
        kind: 'media',
        media: {
          kind: 'photo',
          ref: 'AgACAgQAAxkBAAIBlarge',
          mimeType: 'image/jpeg',
          sizeBytes: 98311,
          caption: 'Notre atelier à Ouagadougou',
        },
      }),
    ]);
  });

  it('reads a voice note', () => {
    const update = messageUpdate(1008, {
      voice: {
        duration: 14,
        mime_type: 'audio/ogg',
        file_id: 'AwACAgQAAxkBAAIBvoice',
        file_unique_id: 'AgADv',
        file_size: 40211,
      },
    });
    expect(eventsOf(update)).toEqual([
      expect.objectContaining({
        kind: 'media',
        media: { kind: 'voice', ref: 'AwACAgQAAxkBAAIBvoice', mimeType: 'audio/ogg', sizeBytes: 40211 },
      }),
    ]);
  });

  it('reads an audio file as a voice note, keeping its file name', () => {
    const update = messageUpdate(1009, {
      audio: {
        duration: 95,
        mime_type: 'audio/mpeg',
        file_name: 'reponse-semaine-3.mp3',
        file_id: 'CQACAgQaudio',
        file_unique_id: 'AgADa',
        file_size: 1520000,
      },
    });
    expect(eventsOf(update)).toEqual([
      expect.objectContaining({
        kind: 'media',
        media: {
          kind: 'voice',
          ref: 'CQACAgQaudio',
          mimeType: 'audio/mpeg',
          sizeBytes: 1520000,
          fileName: 'reponse-semaine-3.mp3',
        },
      }),
    ]);
  });

  it('reads a round video message as a video', () => {
    const update = messageUpdate(1010, {
      video_note: { duration: 8, length: 240, file_id: 'DQACAgQnote', file_unique_id: 'AgADn', file_size: 310000 },
    });
    expect(eventsOf(update)).toEqual([
      expect.objectContaining({
        media: { kind: 'video', ref: 'DQACAgQnote', mimeType: 'video/mp4', sizeBytes: 310000 },
      }),
    ]);
  });

  it('reads a document with its name and type', () => {
    const update = messageUpdate(1011, {
      caption: 'Mon plan d’action',
      document: {
        file_name: 'plan-action.pdf',
        mime_type: 'application/pdf',
        file_id: 'BQACAgQdoc',
        file_unique_id: 'AgADd',
        file_size: 220333,
      },
    });
    expect(eventsOf(update)).toEqual([
      expect.objectContaining({
        kind: 'media',
        media: {
          kind: 'document',
          ref: 'BQACAgQdoc',
          mimeType: 'application/pdf',
          sizeBytes: 220333,
          fileName: 'plan-action.pdf',
          caption: 'Mon plan d’action',
        },
      }),
    ]);
  });

  it('reads a location', () => {
    const update = messageUpdate(1012, { location: { latitude: 5.359952, longitude: -4.008256 } });
    expect(eventsOf(update)).toEqual([
      expect.objectContaining({ kind: 'location', latitude: 5.359952, longitude: -4.008256 }),
    ]);
  });

  it('names a sticker, a contact and a GIF as unsupported', () => {
    const sticker = messageUpdate(1013, {
      sticker: {
        width: 512,
        height: 512,
        emoji: '👍',
        is_animated: false,
        is_video: false,
        type: 'regular',
        file_id: 'CAACAgI',
        file_unique_id: 'AgADs',
        file_size: 21000,
      },
    });
    const contact = messageUpdate(1014, { contact: { phone_number: '+22670000000', first_name: 'Issa' } });
    const gif = messageUpdate(1015, {
      animation: { file_id: 'CgACAgQ', file_unique_id: 'AgADg', width: 320, height: 240, duration: 3 },
      document: { file_id: 'CgACAgQ', file_unique_id: 'AgADg', file_name: 'giphy.mp4', mime_type: 'video/mp4' },
    });
    expect(eventsOf(sticker)).toEqual([expect.objectContaining({ kind: 'unsupported', description: 'sticker' })]);
    expect(eventsOf(contact)).toEqual([expect.objectContaining({ kind: 'unsupported', description: 'contact' })]);
    expect(eventsOf(gif)).toEqual([expect.objectContaining({ kind: 'unsupported', description: 'animation' })]);
  });

  it('gives no event for an edited message, a membership change or a pinned message, and says why', () => {
    const edited = {
      update_id: 1016,
      edited_message: {
        message_id: 41,
        from: aminata,
        chat: privateChat,
        date: DATE,
        edit_date: DATE + 30,
        text: 'corrigé',
      },
    };
    const blocked = {
      update_id: 1017,
      my_chat_member: {
        chat: privateChat,
        from: aminata,
        date: DATE,
        old_chat_member: { status: 'member' },
        new_chat_member: { status: 'kicked' },
      },
    };
    const pinned = messageUpdate(1018, { pinned_message: { message_id: 12, chat: privateChat, date: DATE } });
    expect(parseUpdate(edited, RECEIVED_AT)).toMatchObject({
      valid: true,
      events: [],
      ignored: 'edited_message update',
    });
    expect(parseUpdate(blocked, RECEIVED_AT)).toMatchObject({
      valid: true,
      events: [],
      ignored: 'my_chat_member update',
    });
    expect(parseUpdate(pinned, RECEIVED_AT)).toMatchObject({ valid: true, events: [], ignored: 'service message' });
  });

  it('ignores what is said in group chats', () => {
    const update = {
      update_id: 1019,
      message: {
        message_id: 5,
        from: aminata,
        chat: { id: -1001234, title: 'Cohorte 2026', type: 'supergroup' },
        date: DATE,
        text: 'salut',
      },
    };
    expect(parseUpdate(update, RECEIVED_AT)).toMatchObject({
      valid: true,
      events: [],
      ignored: 'message in a supergroup chat',
    });
  });

  it('reports garbage as malformed instead of throwing', () => {
    for (const garbage of [
      null,
      'update',
      42,
      [],
      {},
      { update_id: 'x' },
      { update_id: 1, message: { text: 'no chat' } },
      { update_id: 2, callback_query: { id: 'q' } },
    ]) {
      const parsed = parseUpdate(garbage, RECEIVED_AT);
      expect(parsed.valid, JSON.stringify(garbage)).toBe(false);
      if (!parsed.valid) expect(parsed.reason).not.toBe('');
    }
  });
});
