import { answerChoiceId, ANSWER_SKIP_CHOICE_ID } from '../../domain/answer/answer-choice-id.ts';
import { SELECTION_DONE_CHOICE_ID } from '../../domain/answer/multi-choice-selection.ts';
import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { Outgoing } from '../conversation-context.ts';
import type { QuestionView, SubmissionView } from '../stores/exercise-store.ts';
import type { Speaker } from '../speaker.ts';
import { EXERCISE_CHOICE_IDS, questionChoiceId } from './exercise-choice-ids.ts';

/**
 * The message asking the question at `position`, with the choices its type offers, each tagged
 * with the question; `preface` (where the person is, what waits) comes before the question.
 */
export function askQuestion(
  submission: SubmissionView,
  position: number,
  speaker: Speaker,
  preface: string[] = [],
): Outgoing {
  const questions = submission.exercise.questions;
  const question = questions[position]!;
  const prompt = speaker.t('exercise:question', {
    number: position + 1,
    total: questions.length,
    prompt: speaker.pick(question.prompt),
  });
  // A prompt that already says "(optional)" only gets the way to skip it.
  const optionalMark = prompt.toLowerCase().includes(speaker.t('exercise:optional_word'))
    ? 'exercise:skip_hint'
    : 'exercise:optional';
  const body = [...preface, prompt, ...(question.required ? [] : [speaker.t(optionalMark)])].join('\n');
  const skip = question.required ? [] : [{ id: ANSWER_SKIP_CHOICE_ID, label: speaker.t('exercise:skip') }];
  let payload: OutboundPayload;
  switch (question.type) {
    case 'choice':
      payload = {
        kind: 'choices',
        text: body,
        menuLabel: speaker.t('common:choose'),
        choices: [...options(question, speaker), ...skip],
      };
      break;
    case 'multi_choice':
      payload = { ...selectionPayload(question, speaker), text: body };
      break;
    case 'scale': {
      const values = Array.from({ length: (question.max ?? 5) - (question.min ?? 1) + 1 }, (_, i) =>
        String((question.min ?? 1) + i),
      );
      payload = {
        kind: 'choices',
        text: body,
        menuLabel: speaker.t('common:choose'),
        choices: [...values.map((v) => ({ id: answerChoiceId(v), label: v })), ...skip],
      };
      break;
    }
    case 'photo':
    case 'voice':
    case 'video':
    case 'document':
      payload = { kind: 'media-request', text: body, media: question.type };
      break;
    default:
      payload = skip.length > 0 ? { kind: 'choices', text: body, choices: skip } : { kind: 'text', text: body };
  }
  return { payload: tagChoices(payload, submission, position) };
}

/** The payload with each of its buttons tagged with the question at `position` of the submission. */
function tagChoices<P extends OutboundPayload>(payload: P, submission: SubmissionView, position: number): P {
  if (payload.kind !== 'choices') return payload;
  return {
    ...payload,
    choices: payload.choices.map((choice) => ({ ...choice, id: questionChoiceId(choice.id, submission.id, position) })),
  };
}

function options(question: QuestionView, speaker: Speaker) {
  return (question.options ?? []).map((option) => ({
    id: answerChoiceId(option.key),
    label: speaker.pick(option.label),
  }));
}

function selectionPayload(question: QuestionView, speaker: Speaker): Extract<OutboundPayload, { kind: 'choices' }> {
  return {
    kind: 'choices',
    text: '',
    menuLabel: speaker.t('common:choose'),
    choices: [...options(question, speaker), { id: SELECTION_DONE_CHOICE_ID, label: speaker.t('exercise:done') }],
  };
}

/** The options of the multi-choice question at `position` with the ones picked so far, and Done. */
export function selectionSoFar(
  submission: SubmissionView,
  position: number,
  selected: readonly string[],
  speaker: Speaker,
): Outgoing {
  const question = submission.exercise.questions[position]!;
  const labels = (question.options ?? []).filter((o) => selected.includes(o.key)).map((o) => speaker.pick(o.label));
  const payload = {
    ...selectionPayload(question, speaker),
    text: speaker.t('exercise:multi_selected', { selected: labels.join(', ') || '—' }),
  };
  return { payload: tagChoices(payload, submission, position) };
}

/** Acknowledges a text answer, which may go on in further messages until the person taps Next. */
export function textSaved(submission: SubmissionView, position: number, speaker: Speaker): Outgoing {
  const payload: OutboundPayload = {
    kind: 'choices',
    text: speaker.t('exercise:text_saved'),
    choices: [{ id: EXERCISE_CHOICE_IDS.next, label: speaker.t('exercise:next') }],
  };
  return { payload: tagChoices(payload, submission, position) };
}

/**
 * The answer to a skip word typed after part of a text answer was saved: a required question
 * cannot be skipped (Next ends the answer); an optional one can, but that deletes what was
 * written, so the person chooses between Next (keep it) and Skip (delete it).
 */
export function skipWhileWriting(submission: SubmissionView, position: number, speaker: Speaker): Outgoing {
  const next = { id: EXERCISE_CHOICE_IDS.next, label: speaker.t('exercise:next') };
  const payload: OutboundPayload = submission.exercise.questions[position]!.required
    ? { kind: 'choices', text: speaker.t('exercise:text_cannot_skip'), choices: [next] }
    : {
        kind: 'choices',
        text: speaker.t('exercise:text_skip_drops'),
        choices: [next, { id: ANSWER_SKIP_CHOICE_ID, label: speaker.t('exercise:skip') }],
      };
  return { payload: tagChoices(payload, submission, position) };
}

/** The buttons that end the summary (hand in, start over), tagged as answering the summary. */
export function summaryChoices(submission: SubmissionView, speaker: Speaker): Outgoing {
  const payload: OutboundPayload = {
    kind: 'choices',
    text: speaker.t('exercise:confirm_question'),
    choices: [
      { id: EXERCISE_CHOICE_IDS.confirm, label: speaker.t('exercise:confirm') },
      { id: EXERCISE_CHOICE_IDS.restart, label: speaker.t('exercise:restart') },
    ],
  };
  return { payload: tagChoices(payload, submission, submission.exercise.questions.length) };
}
