import { z } from 'zod';

/**
 * The minimal shape of a Telegram Update that Compagnon relies on
 * (https://core.telegram.org/bots/api#update). Objects are loose: fields we do not read, and
 * the kinds of content we do not support, pass through untouched so that they can be named.
 */

const user = z.looseObject({
  id: z.int(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});

const chat = z.looseObject({
  id: z.int(),
  type: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
});

const file = {
  file_id: z.string().min(1),
  file_size: z.number().nonnegative().optional(),
};

const photoSize = z.looseObject({ ...file, width: z.number(), height: z.number() });
const mediaFile = z.looseObject({ ...file, mime_type: z.string().optional(), file_name: z.string().optional() });

const inlineKeyboard = z.looseObject({
  inline_keyboard: z.array(z.array(z.looseObject({ text: z.string(), callback_data: z.string().optional() }))),
});

const telegramMessageSchema = z.looseObject({
  message_id: z.int(),
  date: z.number(),
  chat,
  from: user.optional(),
  text: z.string().optional(),
  entities: z.array(z.looseObject({ type: z.string(), offset: z.int(), length: z.int() })).optional(),
  caption: z.string().optional(),
  photo: z.array(photoSize).optional(),
  voice: mediaFile.optional(),
  audio: mediaFile.optional(),
  video: mediaFile.optional(),
  video_note: mediaFile.optional(),
  document: mediaFile.optional(),
  animation: mediaFile.optional(),
  location: z.looseObject({ latitude: z.number(), longitude: z.number() }).optional(),
  reply_markup: inlineKeyboard.optional(),
});

const callbackQuery = z.looseObject({
  id: z.string().min(1),
  from: user,
  data: z.string().optional(),
  // Absent for buttons under inline-mode messages, which Compagnon does not send.
  message: z
    .looseObject({
      message_id: z.int().optional(),
      chat,
      text: z.string().optional(),
      reply_markup: inlineKeyboard.optional(),
    })
    .optional(),
});

export const telegramUpdateSchema = z.looseObject({
  update_id: z.int().nonnegative(),
  message: telegramMessageSchema.optional(),
  callback_query: callbackQuery.optional(),
});

export type TelegramUpdate = z.infer<typeof telegramUpdateSchema>;
export type TelegramMessage = z.infer<typeof telegramMessageSchema>;
export type TelegramCallbackQuery = z.infer<typeof callbackQuery>;
