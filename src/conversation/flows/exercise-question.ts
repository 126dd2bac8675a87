import { answerChoiceId, ANSWER_SKIP_CHOICE_ID } from '../../domain/answer/answer-choice-id.ts';
import { SELECTION_DONE_CHOICE_ID } from '../../domain/answer/multi-choice-selection.ts';
import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { Outgoing } from '../conversation-context.ts';
import type { QuestionView, SubmissionView } from '../stores/exercise-store.ts';
import type { Speaker } from '../speaker.ts';
import { EXERCISE_CHOICE_IDS } from './exercise-choice-ids.ts';

/** The message asking the question at `position`, with the choices its type offers. */
export function askQuestion(submission: SubmissionView, position: number, speaker: Speaker): Outgoing {
  const questions = submission.exercise.questions;
  const question = questions[position]!;
  const prompt = speaker.t('exercise:question', {
    number: position + 1,
    total: questions.length,
    prompt: speaker.pick(question.prompt),
  });
  // A prompt that already says "(optional)" only gets the way to skip it.
  const body = question.required
    ? prompt
    : `${prompt}\n${speaker.t(prompt.toLowerCase().includes(speaker.t('exercise:optional_word')) ? 'exercise:skip_hint' : 'exercise:optional')}`;
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
  return { payload };
}

function options(question: QuestionView, speaker: Speaker) {
  return (question.options ?? []).map((option) => ({
    id: answerChoiceId(option.key),
    label: speaker.pick(option.label),
  }));
}

/** The options of a multi-choice question, and Done to finish the selection; the caller sets the text. */
export function selectionPayload(
  question: QuestionView,
  speaker: Speaker,
): Extract<OutboundPayload, { kind: 'choices' }> {
  return {
    kind: 'choices',
    text: '',
    menuLabel: speaker.t('common:choose'),
    choices: [...options(question, speaker), { id: SELECTION_DONE_CHOICE_ID, label: speaker.t('exercise:done') }],
  };
}

/** Acknowledges a text answer, which may go on in further messages until the person taps Next. */
export function textSaved(speaker: Speaker): Outgoing {
  return {
    payload: {
      kind: 'choices',
      text: speaker.t('exercise:text_saved'),
      choices: [{ id: EXERCISE_CHOICE_IDS.next, label: speaker.t('exercise:next') }],
    },
  };
}
