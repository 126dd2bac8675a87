import type { Outgoing } from '../conversation-context.ts';
import type { QuestionView, SubmissionView } from '../stores/exercise-store.ts';
import { text, type Speaker } from '../speaker.ts';
import { summaryChoices } from './exercise-question.ts';

/** Every question with its answer, then the choice to hand the exercise in or start again. */
export function exerciseSummary(submission: SubmissionView, speaker: Speaker): Outgoing[] {
  const lines = submission.exercise.questions.map((question, index) => {
    const answer = submission.answers.find((a) => a.questionId === question.id);
    return `${index + 1}. ${speaker.pick(question.prompt)}\n   → ${describeAnswer(question, answer, speaker)}`;
  });
  return [
    text(
      `${speaker.t('exercise:summary_title', { title: speaker.pick(submission.exercise.title) })}\n\n${lines.join('\n')}`,
    ),
    summaryChoices(submission, speaker),
  ];
}

function describeAnswer(
  question: QuestionView,
  answer: SubmissionView['answers'][number] | undefined,
  speaker: Speaker,
): string {
  if (!answer || answer.skipped) return speaker.t('exercise:skipped');
  const value = answer.value as { text?: string; choices?: string[]; number?: number; media?: boolean } | null;
  if (value?.text !== undefined) return value.text.length > 200 ? `${value.text.slice(0, 200)}…` : value.text;
  if (value?.number !== undefined) return String(value.number);
  if (value?.choices) {
    return value.choices
      .map((key) => speaker.pick(question.options?.find((o) => o.key === key)?.label ?? {}) || key)
      .join(', ');
  }
  return speaker.t('exercise:media_answer');
}
