import type { Api } from 'grammy';
import type { SentMessage } from '../channel-adapter.ts';
import { InvalidRequestError } from '../channel-errors.ts';
import type { OutboundPayload, Recipient } from '../../domain/outbound-message.ts';
import { callTelegram } from './errors.ts';
import { renderOutbound } from './render.ts';

/**
 * Sends one outbound message; its id is that of the last Telegram message (the one with the
 * buttons). When a long text is split and a later part fails, the earlier parts were delivered
 * and a retry sends them again: long texts are best kept under the limit by their authors.
 */
export async function sendOutbound(api: Api, recipient: Recipient, payload: OutboundPayload): Promise<SentMessage> {
  if (recipient.channel !== 'telegram')
    throw new InvalidRequestError(`cannot send a ${recipient.channel} message on Telegram`);
  const drafts = renderOutbound(payload);
  let platformMessageId = '';
  for (const draft of drafts) {
    const other = draft.replyMarkup ? { reply_markup: draft.replyMarkup } : {};
    const sent = await callTelegram(() => api.sendMessage(recipient.platformId, draft.text, other));
    platformMessageId = String(sent.message_id);
  }
  return { platformMessageId };
}
