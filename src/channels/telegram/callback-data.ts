import { InvalidRequestError } from '../channel-errors.ts';

/** Telegram refuses callback data longer than this (https://core.telegram.org/bots/api#inlinekeyboardbutton). */
const CALLBACK_DATA_MAX_BYTES = 64;

/** Marks our own choice buttons, so that any other callback data is recognised as not ours. */
const CHOICE_PREFIX = 'c:';

/** The callback data of a choice button; refuses ids Telegram would refuse, before any API call. */
export function encodeChoice(choiceId: string): string {
  const data = `${CHOICE_PREFIX}${choiceId}`;
  if (choiceId.length === 0) throw new InvalidRequestError('a choice id may not be empty');
  if (Buffer.byteLength(data, 'utf8') > CALLBACK_DATA_MAX_BYTES) {
    throw new InvalidRequestError(
      `choice id ${JSON.stringify(choiceId)} is too long for Telegram callback data (at most ${CALLBACK_DATA_MAX_BYTES - CHOICE_PREFIX.length} bytes)`,
    );
  }
  return data;
}

/** The choice id in a button's callback data, or undefined when the button is not one of ours. */
export function decodeChoice(data: string | undefined): string | undefined {
  if (data === undefined || !data.startsWith(CHOICE_PREFIX) || data.length === CHOICE_PREFIX.length) return undefined;
  return data.slice(CHOICE_PREFIX.length);
}
