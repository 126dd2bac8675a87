import { z } from 'zod';
import { localDateTime } from './session-schema.ts';

/** Reminders before the closing when the file gives none. */
export const DEFAULT_APPLICATION_REMINDERS = ['3d', '1d'];

/** How long a declined application is kept when the file does not say. */
export const DEFAULT_KEEP_DECLINED = '26w';

/**
 * The `applications:` of a programme file: the call for applications, its hours in the programme's
 * time zone, its texts and its questions (the exercises' question shape). Checks that need the rest
 * of the file (the cohort, hours that exist, the questions' options) are in cross-check-applications.ts.
 */
export function applicationsSchema<
  Text extends z.ZodType,
  Question extends z.ZodType,
  Version extends z.ZodType<string, unknown>,
>(fields: {
  id: z.ZodString;
  text: Text;
  duration: z.ZodType<string>;
  retentionSpan: z.ZodType<string>;
  consentVersion: Version;
  question: Question;
}) {
  const { id, text, duration, retentionSpan, consentVersion, question } = fields;
  return z
    .strictObject({
      cohort: id,
      opens: localDateTime,
      closes: localDateTime,
      reminders: z.array(duration).default(DEFAULT_APPLICATION_REMINDERS),
      keep_declined: retentionSpan.default(DEFAULT_KEEP_DECLINED),
      intro: text,
      thanks: text,
      consent: z.strictObject({ version: consentVersion, text }),
      notices: z
        .strictObject({ accepted: text.optional(), declined: text.optional(), waiting_list: text.optional() })
        .optional(),
      questions: z.array(question).min(1, { message: 'a call for applications needs at least one question' }),
    })
    .optional();
}
