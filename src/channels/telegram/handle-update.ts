import type { Api } from 'grammy';
import type { Logger } from '../../logger.ts';
import { digestId, jsonOrReason, type InboundSink, type MalformedInbound } from '../inbound-sink.ts';
import { acknowledgeChoice } from './acknowledge-choice.ts';
import { parseUpdate } from './parse-update.ts';

type HandledUpdate =
  | { status: 'malformed'; reason: string }
  | { status: 'handled'; updateId: number; recorded: number; duplicates: number };

export type UpdateHandler = (body: unknown) => Promise<HandledUpdate>;

interface UpdateHandlerDependencies {
  api: Api;
  sink: InboundSink;
  logger: Logger;
  now: () => Date;
}

/**
 * What both webhook and polling do with one update: parse it, record its events, and only then
 * acknowledge a pick to the person. Throws when the sink cannot record (so that the update is
 * delivered again); a malformed update is set aside in RejectedInboundEvent and reported, not thrown.
 */
export function createUpdateHandler({ api, sink, logger, now }: UpdateHandlerDependencies): UpdateHandler {
  return async (body) => {
    const parsed = parseUpdate(body, now());
    if (!parsed.valid) {
      logger.warn({ reason: parsed.reason }, 'malformed Telegram update');
      // Set aside (the sink logs it): delivered again, it would fail again.
      await sink.setAside([malformedUpdate(body, `malformed update: ${parsed.reason}`)]);
      return { status: 'malformed', reason: parsed.reason };
    }
    const { update, events, ignored } = parsed;
    if (ignored) logger.debug({ updateId: update.update_id, ignored }, 'Telegram update ignored');
    const result = events.length > 0 ? await sink.record(events) : { recorded: 0, duplicates: 0 };
    if (update.callback_query) await acknowledgeChoice(api, update.callback_query, events[0], logger);
    return { status: 'handled', updateId: update.update_id, ...result };
  };
}

/** An update that could not be read, as set aside: by its update_id and the chat it came from, when it names them. */
export function malformedUpdate(body: unknown, error: string, raw?: string): MalformedInbound {
  const payload = raw ?? jsonOrReason(body);
  const update = objectOf(body);
  const updateId = update?.['update_id'];
  const message = objectOf(update?.['message']) ?? objectOf(objectOf(update?.['callback_query'])?.['message']);
  const chatId =
    objectOf(message?.['chat'])?.['id'] ?? objectOf(objectOf(update?.['callback_query'])?.['from'])?.['id'];
  return {
    channel: 'telegram',
    platformEventId: Number.isSafeInteger(updateId) ? String(updateId) : digestId(payload),
    ...((typeof chatId === 'number' || typeof chatId === 'string') && { senderId: String(chatId) }),
    error,
    payload,
  };
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
