import { z } from 'zod';
import { parseCalendarDuration, parseDuration } from '../duration.ts';
import { DEFAULT_ESCALATE_AFTER } from '../help-desk/help-routing.ts';
import { DEFAULT_RUBRIC_SCALE, DEFAULT_SCORE_WEIGHTS } from '../scores/score-weights.ts';
import { DEFAULT_ATTENDANCE_SCORING } from '../scores/session-attendance-score.ts';
import { SUPPORTED_LANGUAGES } from './language.ts';
import type { ProgrammeSettings } from './programme-definition.ts';
import { TEMPLATE_PURPOSES } from './programme-schema.ts';

const localizedText = z.partialRecord(z.enum(SUPPORTED_LANGUAGES), z.string());
const minutes = z.number().int().nonnegative();
const templateRef = z.object({ name: z.string(), language: z.string() });

/**
 * Programme.settings as stored by the import, with the defaults of every field added since the
 * first release (a programme imported before retention, scores or action plans existed still reads).
 */
const storedSettings = z.object({
  timeZone: z.string(),
  consent: z.object({
    version: z.string(),
    text: localizedText,
    mentor: z.object({ version: z.string(), text: localizedText }).optional(),
    staff: z.object({ version: z.string(), text: localizedText }).optional(),
  }),
  quietHours: z.object({ from: z.string(), to: z.string() }).nullish().default(null),
  retention: z
    .object({ eraseAfterEnd: z.string().refine((text) => parseCalendarDuration(text) !== null) })
    .nullish()
    .default(null),
  checkIns: z.object({ everyMinutes: minutes, firstAfterMinutes: minutes }).nullish().default(null),
  slipping: z
    .object({ missedInARow: z.number().int().positive(), silentForMinutes: minutes })
    .default({ missedInARow: 2, silentForMinutes: 10 * 24 * 60 }),
  helpDesk: z
    .object({ escalateAfterMinutes: minutes })
    .default({ escalateAfterMinutes: parseDuration(DEFAULT_ESCALATE_AFTER) ?? 24 * 60 }),
  pauses: z.object({ moveDeadlines: z.boolean() }).default({ moveDeadlines: false }),
  actionPlan: z
    .object({
      startsOn: z.string().nullish().default(null),
      reminderOffsetsMinutes: z.array(minutes),
      followUpAfterMinutes: minutes,
      milestones: z.array(z.object({ key: z.string(), title: localizedText, afterMinutes: minutes })),
    })
    .default({ startsOn: null, reminderOffsetsMinutes: [3 * 24 * 60], followUpAfterMinutes: 24 * 60, milestones: [] }),
  whatsappTemplates: z
    .partialRecord(z.enum(TEMPLATE_PURPOSES), z.partialRecord(z.enum(SUPPORTED_LANGUAGES), templateRef))
    .default({}),
  scores: z
    .object({
      weights: z.object({
        motivation: z.number().nonnegative(),
        reactivity: z.number().nonnegative(),
        teamwork: z.number().nonnegative(),
        rubric: z.number().nonnegative(),
      }),
      rubricScale: z.number().int().positive(),
      attendance: z
        .object({ weight: z.number().nonnegative(), rsvpKept: z.boolean() })
        .default(DEFAULT_ATTENDANCE_SCORING),
    })
    .default({
      weights: DEFAULT_SCORE_WEIGHTS,
      rubricScale: DEFAULT_RUBRIC_SCALE,
      attendance: DEFAULT_ATTENDANCE_SCORING,
    }),
  selectionNotices: z
    .object({ selected: localizedText.optional(), not_selected: localizedText.optional() })
    .default({}),
}) satisfies z.ZodType<ProgrammeSettings, unknown>;

/** Settings that do not read as a programme's: the store holds something the import never wrote. */
export class InvalidProgrammeSettingsError extends Error {
  override readonly name = 'InvalidProgrammeSettingsError';
}

/**
 * Reads Programme.settings (JSON) once, where a programme is loaded, defaults included. Everything
 * past this point uses the typed result; nothing casts the JSON.
 */
export function parseProgrammeSettings(stored: unknown): ProgrammeSettings {
  const parsed = storedSettings.safeParse(stored);
  if (!parsed.success) {
    throw new InvalidProgrammeSettingsError(`programme settings cannot be read: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
