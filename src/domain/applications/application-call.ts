import { z } from 'zod';
import { QUESTION_TYPES } from '../programme/programme-schema.ts';
import type { LocalizedText } from '../programme/language.ts';
import type { QuestionDefinition } from '../programme/programme-definition.ts';

/** A programme's call for applications, as the `applications:` section of its programme file gives it. */
export interface ApplicationsDefinition {
  /** The cohort an accepted applicant is enrolled in (its id in the programme file). */
  cohortKey: string;
  opensAt: Date;
  closesAt: Date;
  /** Minutes before the closing at which an applicant who has not handed in is reminded. */
  reminderOffsets: number[];
  intro: LocalizedText;
  thanks: LocalizedText;
  consent: ApplicationConsent;
  notices: ApplicationNotices;
  /** Days a declined application is kept after the decision. */
  keepDeclinedDays: number;
  questions: QuestionDefinition[];
}

/** What an applicant agrees to: what is kept of an application and for how long. */
export interface ApplicationConsent {
  version: string;
  text: LocalizedText;
}

/** The programme's own wording of each decision ({{name}}, {{programme}} filled in); the default wording where absent. */
export interface ApplicationNotices {
  accepted?: LocalizedText;
  declined?: LocalizedText;
  waiting_list?: LocalizedText;
}

const localizedText = z.record(z.string(), z.string()) as z.ZodType<LocalizedText>;

const questionJson = z.object({
  key: z.string(),
  position: z.number().int(),
  type: z.enum(QUESTION_TYPES),
  required: z.boolean(),
  peerFeedback: z.literal(true).optional(),
  prompt: localizedText,
  options: z.array(z.object({ key: z.string(), label: localizedText })).nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});

/** The JSON columns of ApplicationCall, read with a schema (never cast). */
export const applicationCallJson = {
  questions: z.array(questionJson) as z.ZodType<QuestionDefinition[]>,
  consent: z.object({ version: z.string(), text: localizedText }) as z.ZodType<ApplicationConsent>,
  notices: z.object({
    accepted: localizedText.optional(),
    declined: localizedText.optional(),
    waiting_list: localizedText.optional(),
  }) as z.ZodType<ApplicationNotices>,
  text: localizedText,
};
