import { ANSWER_SKIP_CHOICE_ID } from '../../domain/answer/answer-choice-id.ts';
import type { AnswerReading } from '../../domain/answer/answer-reading.ts';
import { finishSelection, SELECTION_DONE_CHOICE_ID, toggleChoice } from '../../domain/answer/multi-choice-selection.ts';
import { readAnswer } from '../../domain/answer/read-answer.ts';
import { isSkipWord } from '../../domain/answer/skip-words.ts';
import type { ChannelName, InboundEvent } from '../../domain/inbound-event.ts';
import type { MediaProblem, Outgoing } from '../conversation-context.ts';
import type { SubmissionView } from '../stores/exercise-store.ts';
import { formatBytes, text, type Speaker } from '../speaker.ts';
import { answerableQuestion, answerInput, describeProblem } from './exercise-answer-reading.ts';
import { EXERCISE_CHOICE_IDS } from './exercise-choice-ids.ts';
import { askQuestion, selectionSoFar, skipWhileWriting, textSaved } from './exercise-question.ts';

/** Where a flow that asks questions one by one (an exercise, an application) keeps what is answered. */
export interface AnswerKeeping {
  save: (
    questionId: string,
    answer: { value: unknown; skipped: boolean; mediaFileId: string | null; answeredAt: Date },
  ) => Promise<void>;
  /** The options picked so far on a multi-choice question; undefined once none are kept any more. */
  keepSelection: (selection: string[] | undefined) => Promise<void>;
  /** A text answer has begun: the person stays on the question, to add to it or tap Next. */
  textBegun: () => Promise<void>;
  /** The stored file a platform file id was downloaded to, if any. */
  mediaFileFor: (channel: ChannelName, platformFileId: string) => Promise<string | null>;
}

/** What a message did to the current question: replies to send, or the question is answered (on to the next). */
export type AnswerStep = { kind: 'replies'; replies: Outgoing[] } | { kind: 'answered' };

/**
 * One message read against the question the person is on (`submission.currentPosition`): a text
 * in several messages until Next, a multi-choice selection until Done, a skip, a file (refused
 * with the reason when it could not be stored), any answer the question's type reads. Buttons of
 * other questions are the caller's to refuse before.
 */
export async function answerCurrentQuestion(input: {
  submission: SubmissionView;
  selection: string[] | undefined;
  event: InboundEvent;
  sentAt: Date;
  speaker: Speaker;
  mediaProblem: MediaProblem | undefined;
  keeping: AnswerKeeping;
}): Promise<AnswerStep> {
  const { submission, selection, event, sentAt, speaker, mediaProblem, keeping } = input;
  const position = submission.currentPosition;
  const question = submission.exercise.questions[position];
  if (!question) return { kind: 'answered' };
  const replies = (...outgoing: Outgoing[]): AnswerStep => ({ kind: 'replies', replies: outgoing });
  const answerable = answerableQuestion(question, speaker);
  const existing = submission.answers.find((a) => a.questionId === question.id);

  // A text answer may come in several messages: each one adds to it until the person taps Next.
  if (question.type === 'text' && existing && !existing.skipped) {
    if (event.kind === 'choice' && event.choiceId === EXERCISE_CHOICE_IDS.next) return { kind: 'answered' };
    // A skip word is not part of the answer. On an optional question, skipping now would delete
    // what was written, which the person may not expect: they are asked (Next keeps it, Skip deletes it).
    if (event.kind === 'text' && isSkipWord(event.text))
      return replies(skipWhileWriting(submission, position, speaker));
    if (event.kind === 'text') {
      const previous = (existing.value as { text?: string } | null)?.text ?? '';
      await keeping.save(question.id, {
        value: { text: `${previous}\n${event.text}` },
        skipped: false,
        mediaFileId: null,
        answeredAt: sentAt,
      });
      return replies(textSaved(submission, position, speaker));
    }
  }

  if (event.kind === 'media' && mediaProblem) {
    const { t } = speaker;
    const reason =
      mediaProblem.kind === 'too-large'
        ? t('common:media_too_large', { max: formatBytes(mediaProblem.maxBytes) })
        : t('common:media_unreadable');
    return replies(text(t('common:media_rejected', { reason })), askQuestion(submission, position, speaker));
  }

  let reading: AnswerReading;
  if (
    question.type === 'multi_choice' &&
    event.kind === 'choice' &&
    (event.choiceId.startsWith('a:') || event.choiceId === SELECTION_DONE_CHOICE_ID)
  ) {
    const picked = selection ?? [];
    if (event.choiceId !== SELECTION_DONE_CHOICE_ID) {
      const next = toggleChoice(picked, event.choiceId.slice(2));
      await keeping.keepSelection(next);
      return replies(selectionSoFar(submission, position, next, speaker));
    }
    reading = finishSelection(answerable, picked);
  } else if (event.kind === 'choice' && event.choiceId === ANSWER_SKIP_CHOICE_ID) {
    reading = question.required ? { kind: 'problem', problem: { kind: 'cannot-skip' } } : { kind: 'skip' };
  } else {
    const answer = answerInput(event);
    if (!answer) return replies(text(speaker.t('common:unsupported')), askQuestion(submission, position, speaker));
    reading = readAnswer(answerable, answer);
  }

  if (reading.kind === 'problem') {
    return replies(text(describeProblem(reading.problem, speaker)), askQuestion(submission, position, speaker));
  }
  const mediaFileId = event.kind === 'media' ? await keeping.mediaFileFor(event.channel, event.media.ref) : null;
  await keeping.save(question.id, {
    value: reading.kind === 'value' ? reading.value : null,
    skipped: reading.kind === 'skip',
    mediaFileId,
    answeredAt: sentAt,
  });
  if (selection) await keeping.keepSelection(undefined);
  if (question.type === 'text' && reading.kind === 'value') {
    await keeping.textBegun();
    return replies(textSaved(submission, position, speaker));
  }
  return { kind: 'answered' };
}
