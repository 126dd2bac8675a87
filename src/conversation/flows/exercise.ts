import { z } from 'zod';
import { ANSWER_SKIP_CHOICE_ID } from '../../domain/answer/answer-choice-id.ts';
import type { AnswerReading } from '../../domain/answer/answer-reading.ts';
import { finishSelection, SELECTION_DONE_CHOICE_ID, toggleChoice } from '../../domain/answer/multi-choice-selection.ts';
import { readAnswer } from '../../domain/answer/read-answer.ts';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import { classifyAnswerTime, exerciseIsOpen } from '../../domain/submission-timing.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { DialogueStateStore, FlowState } from '../stores/dialogue-state-store.ts';
import type { ExerciseStore, SubmissionView } from '../stores/exercise-store.ts';
import { flowData } from '../flow-data.ts';
import { formatBytes, speakerFor, text, type Speaker } from '../speaker.ts';
import { answerableQuestion, answerInput, describeProblem } from './exercise-answer-reading.ts';
import { EXERCISE_CHOICE_IDS } from './exercise-choice-ids.ts';
import { askQuestion, selectionPayload, textSaved } from './exercise-question.ts';
import { exerciseSummary } from './exercise-summary.ts';

/** The stores this file reads and changes. */
type ExerciseContext = ConversationContext<ExerciseStore & DialogueStateStore>;

/**
 * Answering an exercise in chat, one question at a time. Where the person is lives on the
 * submission (the current question) and in the flow state (a selection being built, whether a
 * text answer has begun), so they can stop halfway and resume exactly there.
 */
export const EXERCISE = 'exercise';

const exerciseData = z.object({
  submissionId: z.string(),
  /** Options picked so far on a multi-choice question. */
  selection: z.array(z.string()).optional(),
});

/** What the exercise flow keeps between messages. */
export const EXERCISE_STATES = { [EXERCISE]: exerciseData };

/** The exercise a person is working on: released, not handed in, soonest deadline first. */
export function currentSubmission(submissions: SubmissionView[], now: Date): SubmissionView | undefined {
  return submissions
    .filter(
      (s) =>
        (s.status === 'open' || s.status === 'in_progress') &&
        exerciseIsOpen(now, s.releaseAt, s.deadlineAt, s.exercise.closesAfterMinutes),
    )
    .sort((a, b) => a.deadlineAt.getTime() - b.deadlineAt.getTime())[0];
}

/** What a release sends: the exercise's introduction and its first question. */
export async function openExercise(submission: SubmissionView, context: ExerciseContext): Promise<Outgoing[]> {
  const speaker = speakerFor(context);
  const intro = speaker.t('exercise:released', {
    title: speaker.pick(submission.exercise.title),
    intro: speaker.pick(submission.exercise.intro),
    deadline: formatLocalDateTime(submission.deadlineAt, context.person.timeZone, speaker.language),
  });
  const state = await context.store.getState(context.person.id);
  // A person in the middle of something else (joining, writing a broadcast) finishes it first;
  // their next message then resumes the exercise.
  if (state && state.flow !== EXERCISE) return [text(intro)];
  await context.store.setState(context.person.id, {
    flow: EXERCISE,
    step: 'question',
    data: { submissionId: submission.id },
  });
  return [text(intro), askQuestion(submission, 0, speaker)];
}

/** Picks the exercise up where the person left it, asking the current question again. */
export async function resumeExercise(submission: SubmissionView, context: ExerciseContext): Promise<Outgoing[]> {
  const speaker = speakerFor(context);
  const position = Math.min(submission.currentPosition, submission.exercise.questions.length);
  await context.store.setState(context.person.id, {
    flow: EXERCISE,
    step: position >= submission.exercise.questions.length ? 'confirm' : 'question',
    data: { submissionId: submission.id },
  });
  if (position >= submission.exercise.questions.length) return exerciseSummary(submission, speaker);
  return [askQuestion(submission, position, speaker)];
}

export async function continueExercise(
  state: FlowState,
  event: InboundEvent,
  context: ExerciseContext,
): Promise<Outgoing[]> {
  const { store, person } = context;
  const speaker = speakerFor(context);
  const data = flowData(exerciseData, state);
  const submission = (await store.submissions(person.id)).find((s) => s.id === data.submissionId);
  if (!submission || submission.status === 'submitted' || submission.status === 'missed') {
    await store.clearState(person.id);
    return [text(speaker.t('exercise:nothing_open'))];
  }
  const sentAt = new Date(event.sentAt);
  const timing = classifyAnswerTime({
    sentAt,
    deadlineAt: submission.deadlineAt,
    graceMinutes: submission.exercise.graceMinutes,
    closesAfterMinutes: submission.exercise.closesAfterMinutes,
  });
  if (timing === 'closed') {
    await store.clearState(person.id);
    const closedAt = new Date(submission.deadlineAt.getTime() + submission.exercise.closesAfterMinutes * 60_000);
    return [
      text(
        speaker.t('exercise:closed', {
          title: speaker.pick(submission.exercise.title),
          closedAt: formatLocalDateTime(closedAt, person.timeZone, speaker.language),
        }),
      ),
    ];
  }

  if (state.step === 'confirm') {
    if (event.kind === 'choice' && event.choiceId === EXERCISE_CHOICE_IDS.confirm) {
      await store.submit(submission.id, sentAt, timing === 'late');
      await store.clearState(person.id);
      const at = formatLocalDateTime(sentAt, person.timeZone, speaker.language);
      return [text(speaker.t(timing === 'late' ? 'exercise:receipt_late' : 'exercise:receipt', { at }))];
    }
    if (event.kind === 'choice' && event.choiceId === EXERCISE_CHOICE_IDS.restart) {
      await store.moveTo(submission.id, 0, 'in_progress');
      await store.setState(person.id, { flow: EXERCISE, step: 'question', data: { submissionId: submission.id } });
      return [askQuestion(submission, 0, speaker)];
    }
    // Anything else: what to press, with the two buttons again, rather than the whole summary.
    const [confirm, restart] = [speaker.t('exercise:confirm'), speaker.t('exercise:restart')];
    return [
      {
        payload: {
          kind: 'choices',
          text: speaker.t('exercise:confirm_press', { confirm, restart }),
          choices: [
            { id: EXERCISE_CHOICE_IDS.confirm, label: confirm },
            { id: EXERCISE_CHOICE_IDS.restart, label: restart },
          ],
        },
      },
    ];
  }

  const position = submission.currentPosition;
  const question = submission.exercise.questions[position];
  if (!question) return advance(submission, position, context, speaker);
  const answerable = answerableQuestion(question, speaker);
  const existing = submission.answers.find((a) => a.questionId === question.id);

  // A text answer may come in several messages: each one adds to it until the person taps Next.
  if (question.type === 'text' && existing && !existing.skipped) {
    if (event.kind === 'choice' && event.choiceId === EXERCISE_CHOICE_IDS.next)
      return advance(submission, position, context, speaker);
    if (event.kind === 'text') {
      const previous = (existing.value as { text?: string } | null)?.text ?? '';
      await store.saveAnswer(submission.id, question.id, {
        value: { text: `${previous}\n${event.text}` },
        skipped: false,
        mediaFileId: null,
        answeredAt: sentAt,
      });
      return [textSaved(speaker)];
    }
  }

  if (event.kind === 'media' && context.mediaProblem) {
    const { t } = speaker;
    const reason =
      context.mediaProblem.kind === 'too-large'
        ? t('common:media_too_large', { max: formatBytes(context.mediaProblem.maxBytes) })
        : t('common:media_unreadable');
    return [text(t('common:media_rejected', { reason })), askQuestion(submission, position, speaker)];
  }

  let reading: AnswerReading;
  if (
    question.type === 'multi_choice' &&
    event.kind === 'choice' &&
    (event.choiceId.startsWith('a:') || event.choiceId === SELECTION_DONE_CHOICE_ID)
  ) {
    const selection = data.selection ?? [];
    if (event.choiceId !== SELECTION_DONE_CHOICE_ID) {
      const next = toggleChoice(selection, event.choiceId.slice(2));
      await store.setState(person.id, { ...state, data: { ...data, selection: next } });
      const labels = answerable.options?.filter((o) => next.includes(o.key)).map((o) => o.label) ?? [];
      return [
        {
          payload: {
            ...selectionPayload(question, speaker),
            text: speaker.t('exercise:multi_selected', { selected: labels.join(', ') || '—' }),
          },
        },
      ];
    }
    reading = finishSelection(answerable, selection);
  } else if (event.kind === 'choice' && event.choiceId === ANSWER_SKIP_CHOICE_ID) {
    reading = question.required ? { kind: 'problem', problem: { kind: 'cannot-skip' } } : { kind: 'skip' };
  } else {
    const input = answerInput(event);
    if (!input) return [text(speaker.t('common:unsupported')), askQuestion(submission, position, speaker)];
    reading = readAnswer(answerable, input);
  }

  if (reading.kind === 'problem')
    return [text(describeProblem(reading.problem, speaker)), askQuestion(submission, position, speaker)];
  const mediaFileId = event.kind === 'media' ? await store.mediaFileFor(event.channel, event.media.ref) : null;
  await store.saveAnswer(submission.id, question.id, {
    value: reading.kind === 'value' ? reading.value : null,
    skipped: reading.kind === 'skip',
    mediaFileId,
    answeredAt: sentAt,
  });
  if (data.selection) await store.setState(person.id, { ...state, data: { submissionId: submission.id } });
  if (question.type === 'text' && reading.kind === 'value') {
    await store.moveTo(submission.id, position, 'in_progress');
    return [textSaved(speaker)];
  }
  return advance(submission, position, context, speaker);
}

async function advance(
  submission: SubmissionView,
  position: number,
  context: ExerciseContext,
  speaker: Speaker,
): Promise<Outgoing[]> {
  const next = position + 1;
  await context.store.moveTo(submission.id, next, 'in_progress');
  const refreshed =
    (await context.store.submissions(context.person.id)).find((s) => s.id === submission.id) ?? submission;
  if (next >= refreshed.exercise.questions.length) {
    await context.store.setState(context.person.id, {
      flow: EXERCISE,
      step: 'confirm',
      data: { submissionId: submission.id },
    });
    return exerciseSummary(refreshed, speaker);
  }
  await context.store.setState(context.person.id, {
    flow: EXERCISE,
    step: 'question',
    data: { submissionId: submission.id },
  });
  return [askQuestion(refreshed, next, speaker)];
}
