import { GrammyError, type Api } from 'grammy';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import type { Logger } from '../../logger.ts';
import { grammySignal } from './grammy-signal.ts';
import { TELEGRAM_TEXT_MAX_LENGTH } from './split-text.ts';
import type { TelegramCallbackQuery } from './update-schema.ts';

/** These calls are cosmetic: never let a slow Telegram hold up the webhook answer for long. */
const COSMETIC_CALL_TIMEOUT_MS = 5_000;

/**
 * After a pick is recorded: stops the button's spinner (answerCallbackQuery, which Telegram
 * expects for every callback query) and shows which choice was picked, removing the buttons so
 * that the same question is not answered twice. Failures are logged, never thrown.
 */
export async function acknowledgeChoice(
  api: Api,
  query: TelegramCallbackQuery,
  event: InboundEvent | undefined,
  logger: Logger,
): Promise<void> {
  const signal = () => grammySignal(AbortSignal.timeout(COSMETIC_CALL_TIMEOUT_MS));
  const attempt = (what: string, call: () => Promise<unknown>) =>
    call().catch((error: unknown) => {
      // A redelivered update finds the message already edited: nothing to worry about.
      const level =
        error instanceof GrammyError && /not modified|query is too old/i.test(error.description) ? 'debug' : 'warn';
      // The description only: a GrammyError's payload holds the message text.
      const reason =
        error instanceof GrammyError ? error.description : error instanceof Error ? error.message : String(error);
      logger[level]({ reason, callbackQueryId: query.id }, `Telegram ${what} failed`);
    });

  const calls = [attempt('answerCallbackQuery', () => api.answerCallbackQuery(query.id, {}, signal()))];
  const message = query.message;
  if (event?.kind === 'choice' && message?.message_id !== undefined) {
    const { chat, message_id: messageId } = message;
    const noButtons = { reply_markup: { inline_keyboard: [] } };
    const edited =
      event.label !== undefined && message.text !== undefined ? `${message.text}\n\n✓ ${event.label}` : undefined;
    // An empty keyboard is passed explicitly: it is how the buttons are removed along with the edit.
    calls.push(
      edited !== undefined && edited.length <= TELEGRAM_TEXT_MAX_LENGTH
        ? attempt('editMessageText', () => api.editMessageText(chat.id, messageId, edited, noButtons, signal()))
        : attempt('editMessageReplyMarkup', () => api.editMessageReplyMarkup(chat.id, messageId, noButtons, signal())),
    );
  }
  await Promise.all(calls);
}
