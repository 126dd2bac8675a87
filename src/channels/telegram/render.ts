import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { Choice, OutboundPayload } from '../../domain/outbound-message.ts';
import { encodeChoice } from './callback-data.ts';
import { splitText } from './split-text.ts';

/** One sendMessage call. */
export interface TelegramDraft {
  text: string;
  replyMarkup?: InlineKeyboardMarkup;
}

/** Labels this short fit two to a row on a phone screen. */
const SHORT_LABEL_MAX_LENGTH = 14;

/**
 * Renders a message in Telegram's idiom: plain text (no parse mode, so nothing needs escaping),
 * choices as an inline keyboard. Texts over Telegram's limit become several messages; buttons go
 * under the last one, whose id is the one a pick refers to. Throws InvalidRequestError, before
 * anything is sent, for a choice id Telegram could not carry. Files go their own way (render-media.ts).
 */
export function renderOutbound(payload: Exclude<OutboundPayload, { kind: 'media' }>): TelegramDraft[] {
  switch (payload.kind) {
    case 'text':
    case 'media-request':
      return splitText(payload.text).map((text) => ({ text }));
    case 'template':
      // Templates are WhatsApp's answer to its 24-hour window; Telegram has no such window.
      return splitText(payload.fallbackText).map((text) => ({ text }));
    case 'choices': {
      const replyMarkup = choiceKeyboard(payload.choices);
      const drafts: TelegramDraft[] = splitText(payload.text).map((text) => ({ text }));
      const last = drafts[drafts.length - 1];
      if (last && payload.choices.length > 0) last.replyMarkup = replyMarkup;
      return drafts;
    }
  }
}

/** One button per row, or two when every label is short. */
function choiceKeyboard(choices: Choice[]): InlineKeyboardMarkup {
  const buttons: InlineKeyboardButton[] = choices.map((choice) => ({
    text: choice.label,
    callback_data: encodeChoice(choice.id),
  }));
  const perRow = choices.every((choice) => choice.label.length <= SHORT_LABEL_MAX_LENGTH) ? 2 : 1;
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return { inline_keyboard: rows };
}
