import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { parseCalendarDuration, parseDuration } from '../duration.ts';
import { parseDeadlineRule, parseReleaseRule } from '../calendar-rule.ts';
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES, type Language } from './language.ts';
import { applicationsSchema } from './applications-schema.ts';
import { sessionsSchema } from './session-schema.ts';

/**
 * The programme file's shape (format 1), as zod schemas. Field names are the file's
 * (snake_case); `parseProgrammeFile` turns a valid file into a `ProgrammeDefinition`.
 */

export const QUESTION_TYPES = [
  'text',
  'choice',
  'multi_choice',
  'scale',
  'number',
  'photo',
  'voice',
  'video',
  'document',
] as const;

export const TEMPLATE_PURPOSES = [
  'exercise_released',
  'reminder',
  'check_in',
  'broadcast',
  'milestone',
  'follow_up',
  'session',
  'help_desk',
  'application',
] as const;

const ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

const id = z.string().regex(ID, {
  message: 'must be lower-case letters, digits, - and _ (at most 64), starting with a letter or digit',
});

const isoDate = z.string().refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid, {
  message: 'must be a date written YYYY-MM-DD',
});

const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time of day written HH:MM' });

const duration = z.string().refine((value) => parseDuration(value) !== null, {
  message: 'must be a duration such as 30m, 6h, 2d, 1w or 1d12h',
});

const retentionSpan = z.string({ error: 'must be a duration such as 1y, 26w or 90d' }).refine(
  (value) => {
    const span = parseCalendarDuration(value);
    return span !== null && span.years + span.weeks + span.days > 0;
  },
  { message: 'must be a duration of at least a day, such as 1y, 26w or 90d (y: calendar years)' },
);

const timeZone = z.string().refine((value) => IANAZone.isValidZone(value), {
  message: 'is not a known IANA time zone (such as Africa/Abidjan)',
});

const weight = z.number({ error: 'must be a number, 0 or more' }).min(0, { message: 'must be a number, 0 or more' });

const releaseRule = z.string().superRefine((value, ctx) => {
  const parsed = parseReleaseRule(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
});

const deadlineRule = z.string().superRefine((value, ctx) => {
  const parsed = parseDeadlineRule(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
});

/** A text in every language of the programme: { fr: "…", en: "…" }. */
function localizedText(languages: readonly Language[]) {
  const shape = Object.fromEntries(
    languages.map((language) => [
      language,
      z
        .string({
          error: (issue) =>
            issue.input === undefined
              ? `the ${LANGUAGE_NAMES[language]} text (${language}) is missing`
              : `the ${LANGUAGE_NAMES[language]} text (${language}) must be text`,
        })
        .trim()
        .min(1, { message: `the ${LANGUAGE_NAMES[language]} text (${language}) is empty` }),
    ]),
  );
  return z.strictObject(shape as Record<Language, z.ZodString>, {
    error: (issue) =>
      issue.code === 'invalid_type'
        ? `must give the text in each language: ${languages.map((l) => `${l}: …`).join(', ')}`
        : undefined,
  });
}

/** Builds the schema of a programme file whose texts are written in `languages`. */
export function programmeFileSchema(languages: readonly Language[]) {
  const text = localizedText(languages);

  const option = z.strictObject({ id, label: text });

  const question = z.strictObject({
    id,
    type: z.enum(QUESTION_TYPES, {
      error: (issue) => `unknown question type ${JSON.stringify(issue.input)}; use one of ${QUESTION_TYPES.join(', ')}`,
    }),
    prompt: text,
    required: z.boolean().default(true),
    peer_feedback: z.boolean({ error: 'must be true or false' }).default(false),
    options: z.array(option).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  });

  const exercise = z.strictObject({
    id,
    phase: id,
    title: text,
    intro: text,
    release: releaseRule,
    deadline: deadlineRule,
    reminders: z.array(duration).default([]),
    grace: duration.default('0m'),
    closes_after: duration.default('7d'),
    team: z.boolean().default(false),
    questions: z.array(question).min(1, { message: 'an exercise needs at least one question' }),
  });

  const consentVersion = z.union([z.string().min(1), z.number()]).transform(String);

  const template = z.union([
    z.string().min(1),
    z.strictObject({ name: z.string().min(1), language: z.string().min(2) }),
  ]);

  return z.strictObject({
    format: z.literal(1, { message: 'must be 1 (the only programme file format so far)' }),
    id,
    version: z.union([z.string().min(1), z.number()]).transform(String),
    languages: z.array(z.enum(SUPPORTED_LANGUAGES)).min(1),
    name: text,
    time_zone: timeZone.default('Europe/Paris'),
    consent: z.strictObject({
      version: consentVersion,
      text,
      // Mentors and staff read their own text when the file gives one (see consent-for-role.ts).
      mentor: z.strictObject({ version: consentVersion, text }).optional(),
      staff: z.strictObject({ version: consentVersion, text }).optional(),
    }),
    hubs: z
      .array(
        z.strictObject({
          id,
          name: text,
          time_zone: timeZone,
          country: z.string().regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166 country code such as CI or SN' }),
        }),
      )
      .min(1, { message: 'a programme needs at least one hub' }),
    cohorts: z.array(z.strictObject({ id, name: text })).min(1, { message: 'a programme needs at least one cohort' }),
    phases: z.array(z.strictObject({ id, name: text, starts: isoDate, ends: isoDate })).min(1, {
      message: 'a programme needs at least one phase',
    }),
    quiet_hours: z.strictObject({ from: localTime, to: localTime }).optional(),
    retention: z.strictObject({ erase_after_end: retentionSpan }).optional(),
    check_ins: z.strictObject({ every: duration, first_after: duration.optional() }).optional(),
    slipping: z
      .strictObject({
        missed_in_a_row: z.number().int().min(1).default(2),
        silent_for: duration.default('10d'),
      })
      .optional(),
    action_plan: z
      .strictObject({
        // A phase id or a date; checked against the phases in cross-check-programme-file.ts.
        starts: z.string({ error: 'must be a phase id or a date written YYYY-MM-DD' }).optional(),
        reminders: z.array(duration).default(['3d']),
        follow_up_after: duration.default('1d'),
        milestones: z.array(z.strictObject({ id, title: text, after: duration })).default([]),
      })
      .optional(),
    scores: z
      .strictObject({
        weights: z
          .strictObject({ motivation: weight, reactivity: weight, teamwork: weight, rubric: weight })
          .optional(),
        rubric_scale: z
          .number({ error: 'must be a whole number from 2 to 10' })
          .int({ message: 'must be a whole number from 2 to 10' })
          .min(2, { message: 'must be a whole number from 2 to 10' })
          .max(10, { message: 'must be a whole number from 2 to 10' })
          .optional(),
        // How sessions count in motivation: their weight beside the exercises' 1, and whether keeping one's RSVP counts.
        attendance: z.strictObject({ weight, rsvp_kept: z.boolean().optional() }).optional(),
      })
      .optional(),
    // How long a help-desk question waits for an answer before it passes up (mentor → trainers → staff).
    help_desk: z.strictObject({ escalate_after: duration.default('24h') }).optional(),
    // What PAUSE N in chat does to the person's deadlines that fall in the pause: moved by its length, or kept.
    pauses: z.strictObject({ move_deadlines: z.boolean().default(false) }).optional(),
    // What a participant is told of a selection decision, instead of the default wording ({{name}}, {{programme}} filled in).
    selection_notices: z.strictObject({ selected: text.optional(), not_selected: text.optional() }).optional(),
    whatsapp_templates: z
      .partialRecord(z.enum(TEMPLATE_PURPOSES), z.partialRecord(z.enum(SUPPORTED_LANGUAGES), template))
      .default({}),
    exercises: z.array(exercise).min(1, { message: 'a programme needs at least one exercise' }),
    sessions: sessionsSchema(languages, { id, text, duration, timeZone }),
    // The call for applications, before the programme starts; hours in `time_zone`.
    applications: applicationsSchema({ id, text, duration, retentionSpan, consentVersion, question }),
  });
}

export type ProgrammeFile = z.output<ReturnType<typeof programmeFileSchema>>;
