import { InputFile, type Api } from 'grammy';
import type { OutboundFile, SentMessage } from '../channel-adapter.ts';
import { InvalidRequestError } from '../channel-errors.ts';
import type { OutboundPayload, Recipient } from '../../domain/outbound-message.ts';
import { callTelegram } from './errors.ts';
import { renderOutbound } from './render.ts';
import { renderMedia } from './render-media.ts';

/**
 * Sends one outbound message; its id is that of the last Telegram message (the one with the
 * buttons). When a long text is split and a later part fails, the earlier parts were delivered
 * and a retry sends them again: long texts are best kept under the limit by their authors.
 */
export async function sendOutbound(
  api: Api,
  recipient: Recipient,
  payload: OutboundPayload,
  file?: OutboundFile,
): Promise<SentMessage> {
  if (recipient.channel !== 'telegram')
    throw new InvalidRequestError(`cannot send a ${recipient.channel} message on Telegram`);
  if (payload.kind === 'media') {
    if (!file) throw new InvalidRequestError('a media message came without its file');
    return sendMedia(api, recipient.platformId, payload, file);
  }
  let platformMessageId = '';
  for (const draft of renderOutbound(payload)) {
    const other = draft.replyMarkup ? { reply_markup: draft.replyMarkup } : {};
    const sent = await callTelegram(() => api.sendMessage(recipient.platformId, draft.text, other));
    platformMessageId = String(sent.message_id);
  }
  return { platformMessageId };
}

/** The file as a multipart upload, then the caption as text when it was too long to go with it. */
async function sendMedia(
  api: Api,
  chatId: string,
  payload: Extract<OutboundPayload, { kind: 'media' }>,
  file: OutboundFile,
): Promise<SentMessage> {
  const draft = renderMedia(payload, file);
  const upload = new InputFile(file.data, file.fileName);
  const other = draft.caption ? { caption: draft.caption } : {};
  const sent = await callTelegram<{ message_id: number }>(() => {
    switch (draft.method) {
      case 'sendPhoto':
        return api.sendPhoto(chatId, upload, other);
      case 'sendVoice':
        return api.sendVoice(chatId, upload, other);
      case 'sendVideo':
        return api.sendVideo(chatId, upload, other);
      case 'sendDocument':
        return api.sendDocument(chatId, upload, other);
    }
  });
  let platformMessageId = String(sent.message_id);
  for (const text of draft.followUp) {
    const more = await callTelegram(() => api.sendMessage(chatId, text));
    platformMessageId = String(more.message_id);
  }
  return { platformMessageId };
}
