import type { MediaKind } from '../inbound-event.ts';
import { foldText } from '../fold-text.ts';
import { ANSWER_SKIP_CHOICE_ID, parseAnswerChoiceId } from './answer-choice-id.ts';
import type { AnswerableQuestion, AnswerInput, AnswerProblem, AnswerReading } from './answer-reading.ts';
import { finishSelection } from './multi-choice-selection.ts';
import { readNumber } from './read-number.ts';
import { readTypedChoices } from './read-typed-choices.ts';
import { isSkipWord } from './skip-words.ts';

type MediaQuestionType = 'photo' | 'voice' | 'video' | 'document';

/**
 * What a person's message says as an answer to `question`: a value to record, a skip, or the
 * problem to explain before asking again. Buttons, typed numbers and typed labels all count, so
 * the same question works on Telegram's keyboards, WhatsApp's lists and plain numbered text.
 */
export function readAnswer(question: AnswerableQuestion, input: AnswerInput): AnswerReading {
  if (wantsToSkip(question, input)) return question.required ? problem({ kind: 'cannot-skip' }) : { kind: 'skip' };
  if (input.kind === 'text' && input.text.trim() === '') return problem({ kind: 'empty' });
  switch (question.type) {
    case 'text':
      return input.kind === 'text'
        ? { kind: 'value', value: { text: input.text.trim() } }
        : problem({ kind: 'expected-text' });
    case 'choice':
    case 'multi_choice':
      return readChoice(question, input);
    case 'scale':
      return readScale(question, input);
    case 'number':
      return readNumberAnswer(question, input);
    case 'photo':
    case 'voice':
    case 'video':
    case 'document':
      return input.kind === 'media' && mediaFits(question.type, input)
        ? { kind: 'value', value: { media: true } }
        : problem({ kind: `expected-${question.type}` });
  }
}

/** A skip word that is also an option's label ("Passer" as an option) picks the option. */
function wantsToSkip(question: AnswerableQuestion, input: AnswerInput): boolean {
  if (input.kind === 'choice') return input.choiceId === ANSWER_SKIP_CHOICE_ID;
  if (input.kind !== 'text' || !isSkipWord(input.text)) return false;
  const typed = foldText(input.text);
  return !(question.options ?? []).some((option) => typed !== '' && foldText(option.label) === typed);
}

function readChoice(question: AnswerableQuestion, input: AnswerInput): AnswerReading {
  const options = question.options ?? [];
  const optionCount = options.length;
  const single = question.type === 'choice';
  let keys: string[];
  if (input.kind === 'choice') {
    const key = parseAnswerChoiceId(input.choiceId);
    if (key === null || !options.some((option) => option.key === key))
      return problem({ kind: 'unknown-choice', optionCount });
    keys = [key];
  } else if (input.kind === 'text') {
    const typed = readTypedChoices(input.text, options);
    if (typed.kind === 'unknown-choice') return problem({ kind: 'unknown-choice', optionCount });
    if (typed.kind === 'unrecognised') return problem({ kind: 'expected-choice', optionCount });
    keys = typed.keys;
  } else {
    return problem({ kind: 'expected-choice', optionCount });
  }
  if (!single) return finishSelection(question, keys);
  if (keys.length > 1) return problem({ kind: 'too-many-choices', max: 1 });
  return { kind: 'value', value: { choices: keys } };
}

/** "4", or "4/5", "4 sur 5", "4 out of 5" when the 5 is the scale's top. */
const SCALE_TEXT = /^([+-]?\d+)(?:\s*(?:\/|sur|out of)\s*(\d+))?$/i;

function readScale(question: AnswerableQuestion, input: AnswerInput): AnswerReading {
  const { min, max } = question;
  const expected = problem({ kind: 'expected-number', min, max, wholeNumber: true });
  let text: string;
  if (input.kind === 'choice') {
    const key = parseAnswerChoiceId(input.choiceId);
    if (key === null) return expected;
    text = key;
  } else if (input.kind === 'text') {
    text = input.text.trim();
  } else {
    return expected;
  }
  const match = SCALE_TEXT.exec(text);
  if (!match) return expected;
  const [, value = '', outOf] = match;
  const number = Number(value);
  if ((outOf !== undefined && Number(outOf) !== max) || !inRange(number, min, max)) {
    return problem({ kind: 'out-of-range', min, max });
  }
  return { kind: 'value', value: { number } };
}

function readNumberAnswer(question: AnswerableQuestion, input: AnswerInput): AnswerReading {
  const { min, max } = question;
  const reading = input.kind === 'text' ? readNumber(input.text) : null;
  if (reading === null) return problem({ kind: 'expected-number', min, max, wholeNumber: false });
  if (reading.kind === 'ambiguous') {
    // Bounds often settle it: with at most 100 people, "1,200" can only be 1.2.
    const [fitting, alsoFitting] = reading.readings.filter((number) => inRange(number, min, max));
    if (fitting === undefined) return problem({ kind: 'out-of-range', min, max });
    if (alsoFitting !== undefined) return problem({ kind: 'ambiguous-number', readings: reading.readings });
    return { kind: 'value', value: { number: fitting } };
  }
  if (!inRange(reading.value, min, max)) return problem({ kind: 'out-of-range', min, max });
  return { kind: 'value', value: { number: reading.value } };
}

/**
 * Right kind, or the same content sent "as a file": Telegram and WhatsApp let people send a
 * photo, a video or a recording as a document, which keeps its image, video or audio type. A
 * document question is strict: a photo of a page is not the file the programme asked for.
 */
function mediaFits(expected: MediaQuestionType, media: { mediaKind: MediaKind; mimeType?: string }): boolean {
  if (media.mediaKind === expected) return true;
  if (media.mediaKind !== 'document' || expected === 'document') return false;
  const family = { photo: 'image/', video: 'video/', voice: 'audio/' }[expected];
  return media.mimeType?.toLowerCase().startsWith(family) ?? false;
}

function inRange(value: number, min: number | null, max: number | null): boolean {
  return (min === null || value >= min) && (max === null || value <= max);
}

function problem(value: AnswerProblem): AnswerReading {
  return { kind: 'problem', problem: value };
}
