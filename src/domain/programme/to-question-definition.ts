import type { QuestionInFile } from './check-question.ts';
import type { QuestionDefinition } from './programme-definition.ts';

/** A checked question (of an exercise or of the call for applications) in the programme's own terms. */
export function toQuestionDefinition(question: QuestionInFile, position: number): QuestionDefinition {
  return {
    key: question.id,
    position,
    type: question.type,
    required: question.required,
    ...(question.peer_feedback ? { peerFeedback: true as const } : {}),
    prompt: question.prompt,
    options: question.options?.map((option) => ({ key: option.id, label: option.label })) ?? null,
    min: question.min ?? null,
    max: question.max ?? null,
  };
}
