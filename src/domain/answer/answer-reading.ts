import type { MediaKind } from '../inbound-event.ts';
import type { QuestionType } from '../programme/programme-definition.ts';

/** A question as `readAnswer` needs it; labels are already in the person's language. */
export interface AnswerableQuestion {
  type: QuestionType;
  required: boolean;
  options: { key: string; label: string }[] | null;
  /** Scale and number: bounds of the value. Multi-choice: how many options may be picked. */
  min: number | null;
  max: number | null;
}

/** What the person sent, as the caller maps it from an inbound event. */
export type AnswerInput =
  | { kind: 'text'; text: string }
  | { kind: 'choice'; choiceId: string }
  | { kind: 'media'; mediaKind: MediaKind; mimeType?: string };

/** A recorded answer; JSON-serialisable so it can be stored as it is. `choices` holds option keys. */
type AnswerValue = { text: string } | { choices: string[] } | { number: number } | { media: true };

/**
 * Why an input is not an answer to the question. Kinds map one-to-one to the `problem_*` keys of
 * locales/{fr,en}/exercise.json (dashes become underscores); the other fields fill their placeholders.
 */
export type AnswerProblem =
  | { kind: 'empty' }
  | { kind: 'cannot-skip' }
  | { kind: 'expected-text' }
  /** `optionCount` is how many numbered options the person can pick from. */
  | { kind: 'expected-choice'; optionCount: number }
  | { kind: 'unknown-choice'; optionCount: number }
  /** `wholeNumber` is true for scales, which take 1, 2, 3… and not 2,5. */
  | { kind: 'expected-number'; min: number | null; max: number | null; wholeNumber: boolean }
  | { kind: 'out-of-range'; min: number | null; max: number | null }
  /**
   * "1,200" or "1.200": 1.2 in French, 1200 in English. Asked back rather than guessed, because a
   * wrong guess would be stored silently. `readings` holds both numbers, the decimal reading first.
   */
  | { kind: 'ambiguous-number'; readings: [number, number] }
  | { kind: 'expected-photo' | 'expected-voice' | 'expected-video' | 'expected-document' }
  | { kind: 'too-many-choices'; max: number }
  | { kind: 'too-few-choices'; min: number };

export type AnswerReading =
  { kind: 'value'; value: AnswerValue } | { kind: 'skip' } | { kind: 'problem'; problem: AnswerProblem };
