import type { AnswerInput, AnswerProblem, AnswerableQuestion } from '../../domain/answer/answer-reading.ts';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import type { QuestionView } from '../stores/exercise-store.ts';
import type { Speaker } from '../speaker.ts';

/** The question as the answer reader sees it, its option labels in the person's language. */
export function answerableQuestion(question: QuestionView, speaker: Speaker): AnswerableQuestion {
  return {
    type: question.type,
    required: question.required,
    options: question.options?.map((option) => ({ key: option.key, label: speaker.pick(option.label) })) ?? null,
    min: question.min,
    max: question.max,
  };
}

/** What the answer reader makes of a message, or null for a kind of message no question takes. */
export function answerInput(event: InboundEvent): AnswerInput | null {
  switch (event.kind) {
    case 'text':
      return { kind: 'text', text: event.text };
    case 'choice':
      return { kind: 'choice', choiceId: event.choiceId };
    case 'media':
      return {
        kind: 'media',
        mediaKind: event.media.kind,
        ...(event.media.mimeType && { mimeType: event.media.mimeType }),
      };
    default:
      return null;
  }
}

/** Tells the person what was wrong with their answer. */
export function describeProblem(problem: AnswerProblem, speaker: Speaker): string {
  if (problem.kind === 'ambiguous-number') {
    return speaker.t('exercise:problem_ambiguous_number', { first: problem.readings[0], second: problem.readings[1] });
  }
  if (problem.kind === 'out-of-range' && (problem.min === null || problem.max === null)) {
    return speaker.t(`exercise:problem_out_of_range_${problem.max === null ? 'min' : 'max'}`, { ...problem });
  }
  return speaker.t(`exercise:problem_${problem.kind.replace(/-/g, '_')}`, { ...problem });
}
