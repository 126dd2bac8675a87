import type { AnswerableQuestion, AnswerReading } from './answer-reading.ts';

/**
 * Picking several options with buttons: each tap on an option button toggles it, and a last
 * button ends the selection. The selection lives in the conversation state between taps.
 */

/** The button that ends a selection; `!` cannot start an option key, so it never collides. */
export const SELECTION_DONE_CHOICE_ID = 'a!done';

/** The selection after a tap on `optionKey`: added if absent, removed if present. */
export function toggleChoice(selected: readonly string[], optionKey: string): string[] {
  return selected.includes(optionKey) ? selected.filter((key) => key !== optionKey) : [...selected, optionKey];
}

/**
 * How many options may be picked. An answer picks at least one whatever `min` says: picking
 * none is skipping the question, which only an optional question allows.
 */
export function pickLimits(question: Pick<AnswerableQuestion, 'options' | 'min' | 'max'>): {
  min: number;
  max: number;
} {
  return { min: Math.max(1, question.min ?? 1), max: question.max ?? question.options?.length ?? 0 };
}

/** The answer a finished selection gives: its option keys in the options' order, within the limits. */
export function finishSelection(question: AnswerableQuestion, selected: readonly string[]): AnswerReading {
  const options = question.options ?? [];
  const optionCount = options.length;
  if (selected.some((key) => !options.some((option) => option.key === key))) {
    return { kind: 'problem', problem: { kind: 'unknown-choice', optionCount } };
  }
  const { min, max } = pickLimits(question);
  if (selected.length === 0 && !question.required) return { kind: 'skip' };
  const keys = options.filter((option) => selected.includes(option.key)).map((option) => option.key);
  if (keys.length < min) return { kind: 'problem', problem: { kind: 'too-few-choices', min } };
  if (keys.length > max) return { kind: 'problem', problem: { kind: 'too-many-choices', max } };
  return { kind: 'value', value: { choices: keys } };
}
