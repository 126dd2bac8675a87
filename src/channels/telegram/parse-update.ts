import type { InboundEvent, Sender } from '../../domain/inbound-event.ts';
import { plausibleSentAt, storableValue } from '../../domain/storable-text.ts';
import { decodeChoice } from './callback-data.ts';
import { messageContent, type EventContent } from './message-content.ts';
import { telegramUpdateSchema, type TelegramCallbackQuery, type TelegramUpdate } from './update-schema.ts';

type ParsedUpdate =
  /** `ignored` says why an update gave no event (an edited message, a group chat…), for the logs. */
  { valid: true; update: TelegramUpdate; events: InboundEvent[]; ignored?: string } | { valid: false; reason: string };

type TelegramUser = TelegramCallbackQuery['from'];
type TelegramChat = NonNullable<TelegramUpdate['message']>['chat'];

/**
 * Turns a Telegram Update into the events Compagnon understands, with every string made
 * storable; never throws. `receivedAt` dates callback queries, which carry no date of their own,
 * and messages whose date is not between 2000 and 2100 (`implausibleTimestamp` keeps it).
 */
export function parseUpdate(body: unknown, receivedAt: Date): ParsedUpdate {
  const parsed = telegramUpdateSchema.safeParse(body);
  if (!parsed.success) {
    return {
      valid: false,
      reason: parsed.error.issues.map((i) => `${i.path.join('.') || 'update'}: ${i.message}`).join('; '),
    };
  }
  const update = parsed.data;
  const platformEventId = String(update.update_id);
  const ignore = (why: string): ParsedUpdate => ({ valid: true, update, events: [], ignored: why });
  const event = (
    chat: TelegramChat,
    from: TelegramUser | undefined,
    date: number | undefined,
    content: EventContent,
  ): ParsedUpdate => {
    // Bot API dates are Unix time in seconds.
    const dated = date === undefined ? undefined : plausibleSentAt(date);
    const base = {
      channel: 'telegram' as const,
      platformEventId,
      sender: sender(chat, from),
      sentAt: (dated ?? receivedAt).toISOString(),
      ...(date !== undefined && !dated && { implausibleTimestamp: String(date) }),
    };
    return { valid: true, update, events: [storableValue({ ...base, ...content })] };
  };

  const { message, callback_query: query } = update;
  if (message) {
    if (!isPrivate(message.chat)) return ignore(`message in a ${message.chat.type} chat`);
    const content = messageContent(message);
    if (!content) return ignore('service message');
    return event(message.chat, message.from, message.date, content);
  }
  if (query) {
    const chat = query.message?.chat ?? { id: query.from.id };
    if (!isPrivate(chat)) return ignore(`button pressed in a ${chat.type} chat`);
    return event(chat, query.from, undefined, choiceContent(query));
  }
  const kind = Object.keys(update).find((key) => key !== 'update_id') ?? 'empty';
  return ignore(`${kind} update`);
}

/** Compagnon talks to people one to one; what is said in groups is not theirs to store. */
function isPrivate(chat: TelegramChat): boolean {
  return chat.type === undefined || chat.type === 'private';
}

function choiceContent(query: TelegramCallbackQuery): EventContent {
  const choiceId = decodeChoice(query.data);
  if (choiceId === undefined) return { kind: 'unsupported', description: 'button' };
  const content: EventContent = { kind: 'choice', choiceId };
  const button = query.message?.reply_markup?.inline_keyboard.flat().find((b) => b.callback_data === query.data);
  if (button) content.label = button.text;
  if (query.message?.message_id !== undefined) content.inReplyTo = String(query.message.message_id);
  return content;
}

function sender(chat: TelegramChat, from: TelegramUser | undefined): Sender {
  const result: Sender = { channel: 'telegram', platformId: String(chat.id) };
  const username = from?.username ?? chat.username;
  const names = [from?.first_name ?? chat.first_name, from?.last_name ?? chat.last_name].filter((n) => n);
  if (username) result.username = username;
  if (names.length > 0) result.displayName = names.join(' ');
  if (from?.language_code) result.languageCode = from.language_code;
  return result;
}
