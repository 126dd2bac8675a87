import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../../src/channels/channel-errors.ts';
import { decodeChoice, encodeChoice } from '../../../src/channels/telegram/callback-data.ts';
import { renderOutbound } from '../../../src/channels/telegram/render.ts';
import { splitText, TELEGRAM_TEXT_MAX_LENGTH } from '../../../src/channels/telegram/split-text.ts';

describe('renderOutbound', () => {
  it('sends text, media requests and template fallbacks as plain messages', () => {
    expect(renderOutbound({ kind: 'text', text: 'Bienvenue !' })).toEqual([{ text: 'Bienvenue !' }]);
    expect(renderOutbound({ kind: 'media-request', text: 'Envoie une photo de ton atelier', media: 'photo' })).toEqual([
      { text: 'Envoie une photo de ton atelier' },
    ]);
    expect(
      renderOutbound({
        kind: 'template',
        name: 'weekly_reminder',
        language: 'fr',
        parameters: ['3'],
        fallbackText: 'Rappel : exercice 3',
      }),
    ).toEqual([{ text: 'Rappel : exercice 3' }]);
  });

  it('puts short choices two to a row', () => {
    const [draft] = renderOutbound({
      kind: 'choices',
      text: 'Ton niveau de motivation ?',
      choices: [
        { id: '1', label: 'Faible' },
        { id: '2', label: 'Moyen' },
        { id: '3', label: 'Élevé' },
      ],
    });
    expect(draft?.replyMarkup).toEqual({
      inline_keyboard: [
        [
          { text: 'Faible', callback_data: 'c:1' },
          { text: 'Moyen', callback_data: 'c:2' },
        ],
        [{ text: 'Élevé', callback_data: 'c:3' }],
      ],
    });
  });

  it('puts long choices one to a row', () => {
    const [draft] = renderOutbound({
      kind: 'choices',
      text: 'Quand es-tu disponible ?',
      choices: [
        { id: 'mon-am', label: 'Lundi matin' },
        { id: 'weekend', label: 'Le week-end seulement' },
      ],
    });
    expect(draft?.replyMarkup?.inline_keyboard).toEqual([
      [{ text: 'Lundi matin', callback_data: 'c:mon-am' }],
      [{ text: 'Le week-end seulement', callback_data: 'c:weekend' }],
    ]);
  });

  it('refuses a choice id too long for Telegram callback data', () => {
    const tooLong = 'é'.repeat(32); // 64 bytes in UTF-8, 66 with the prefix
    expect(() => renderOutbound({ kind: 'choices', text: '?', choices: [{ id: tooLong, label: 'x' }] })).toThrow(
      InvalidRequestError,
    );
    expect(() => encodeChoice('')).toThrow(InvalidRequestError);
    expect(encodeChoice('a'.repeat(62))).toHaveLength(64);
  });

  it('round-trips choice ids through callback data and rejects data that is not ours', () => {
    expect(decodeChoice(encodeChoice('week-3:q2'))).toBe('week-3:q2');
    expect(decodeChoice('other')).toBeUndefined();
    expect(decodeChoice('c:')).toBeUndefined();
    expect(decodeChoice(undefined)).toBeUndefined();
  });

  it('splits a long text and puts the buttons under its last part', () => {
    const paragraph = 'Lorem ipsum dolor sit amet. '.repeat(100).trim();
    const text = [paragraph, paragraph, paragraph].join('\n\n');
    const drafts = renderOutbound({ kind: 'choices', text, choices: [{ id: 'ok', label: 'OK' }] });
    expect(drafts.length).toBeGreaterThan(1);
    expect(drafts.every((d) => d.text.length <= TELEGRAM_TEXT_MAX_LENGTH)).toBe(true);
    expect(drafts.slice(0, -1).every((d) => d.replyMarkup === undefined)).toBe(true);
    expect(drafts.at(-1)?.replyMarkup).toEqual({ inline_keyboard: [[{ text: 'OK', callback_data: 'c:ok' }]] });
  });
});

describe('splitText', () => {
  it('leaves a text within the limit alone', () => {
    const text = 'x'.repeat(TELEGRAM_TEXT_MAX_LENGTH);
    expect(splitText(text)).toEqual([text]);
  });

  it('cuts at a paragraph break, else a line break, else a space', () => {
    expect(splitText('aaaa aaaa\n\nbbbb\ncccc', 12)).toEqual(['aaaa aaaa', 'bbbb\ncccc']);
    expect(splitText('aaaa aaaa\nbbbb cccc', 12)).toEqual(['aaaa aaaa', 'bbbb cccc']);
    expect(splitText('aaaa aaaa bbbb cccc', 12)).toEqual(['aaaa aaaa', 'bbbb cccc']);
  });

  it('cuts a word too long where it must, never inside an emoji', () => {
    expect(splitText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    const parts = splitText('abc😀def', 4);
    expect(parts).toEqual(['abc', '😀de', 'f']);
    expect(parts.join('')).toBe('abc😀def');
  });

  it('loses no words when splitting a real-sized text', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `mot${i}`);
    const text = words.join(' ');
    const parts = splitText(text);
    // Cuts fall at the last space before the limit, so no more parts than strictly needed.
    expect(parts.length).toBe(Math.ceil(text.length / TELEGRAM_TEXT_MAX_LENGTH));
    expect(parts.every((part) => part.length <= TELEGRAM_TEXT_MAX_LENGTH)).toBe(true);
    expect(parts.join(' ').split(' ')).toEqual(words);
  });
});
