import { z } from 'zod';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import { exercisesInTurn } from '../../domain/exercises-in-turn.ts';
import { classifyAnswerTime, exerciseClosesAt } from '../../domain/submission-timing.ts';
import { isAnswerOrCommandChoice } from '../answer-or-command.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { DialogueStateStore, FlowState } from '../stores/dialogue-state-store.ts';
import type { ExerciseStore, SubmissionView } from '../stores/exercise-store.ts';
import { flowData } from '../flow-data.ts';
import { speakerFor, text, type Speaker } from '../speaker.ts';
import {
  EXERCISE_CHOICE_IDS,
  readQuestionChoiceId,
  submissionTag,
  type QuestionChoice,
} from './exercise-choice-ids.ts';
import { answerCurrentQuestion } from './exercise-answer-step.ts';
import { askQuestion, selectionSoFar, summaryChoices } from './exercise-question.ts';
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

/** The person's exercises open now, in the order they are asked: the current one first. */
export function openInTurn(submissions: readonly SubmissionView[], now: Date): SubmissionView[] {
  return exercisesInTurn(
    submissions,
    (s) => ({ ...s, closesAt: exerciseClosesAt(s.deadlineAt, s.exercise.graceMinutes, s.exercise.closesAfterMinutes) }),
    now,
  );
}

/** The exercise a person is working on: released, not handed in, soonest deadline first. */
export function currentSubmission(submissions: SubmissionView[], now: Date): SubmissionView | undefined {
  return openInTurn(submissions, now)[0];
}

/**
 * What a release sends: the exercise's introduction and its first question, or, when another
 * exercise comes first (due sooner), that one's current question again, saying the new one waits.
 */
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
  const others = (await context.store.submissions(context.person.id)).filter((s) => s.id !== submission.id);
  const current = currentSubmission([...others, submission], context.now()) ?? submission;
  if (current.id !== submission.id) return [text(intro), ...(await resumeExercise(current, context))];
  await context.store.setState(context.person.id, {
    flow: EXERCISE,
    step: 'question',
    data: { submissionId: submission.id },
  });
  const waiting = openInTurn(others, context.now());
  const preface = waiting.length > 0 ? whereTheyAre(submission, waiting, context, speaker) : [];
  return [text(intro), askQuestion(submission, 0, speaker, preface)];
}

/**
 * Picks the exercise up where the person left it, asking the current question again, after
 * naming the exercise and any other open one that waits after it.
 */
export async function resumeExercise(submission: SubmissionView, context: ExerciseContext): Promise<Outgoing[]> {
  const speaker = speakerFor(context);
  const position = Math.min(submission.currentPosition, submission.exercise.questions.length);
  await context.store.setState(context.person.id, {
    flow: EXERCISE,
    step: position >= submission.exercise.questions.length ? 'confirm' : 'question',
    data: { submissionId: submission.id },
  });
  if (position >= submission.exercise.questions.length) return exerciseSummary(submission, speaker);
  const waiting = openInTurn(await context.store.submissions(context.person.id), context.now()).filter(
    (s) => s.id !== submission.id,
  );
  return [askQuestion(submission, position, speaker, whereTheyAre(submission, waiting, context, speaker))];
}

/** The exercise the person is answering, and each other one open, which comes after it. */
function whereTheyAre(
  current: SubmissionView,
  waiting: SubmissionView[],
  context: ExerciseContext,
  speaker: Speaker,
): string[] {
  return [
    speaker.t('exercise:current_exercise', { title: speaker.pick(current.exercise.title) }),
    ...waiting.map((other) =>
      speaker.t('exercise:also_open', {
        title: speaker.pick(other.exercise.title),
        deadline: formatLocalDateTime(other.deadlineAt, context.person.timeZone, speaker.language),
      }),
    ),
  ];
}

export async function continueExercise(
  state: FlowState,
  received: InboundEvent,
  context: ExerciseContext,
): Promise<Outgoing[]> {
  const { store, person } = context;
  const speaker = speakerFor(context);
  const data = flowData(exerciseData, state);
  const submissions = await store.submissions(person.id);
  const submission = submissions.find((s) => s.id === data.submissionId);
  if (!submission || submission.status === 'submitted' || submission.status === 'missed') {
    await store.clearState(person.id);
    return [text(speaker.t('exercise:nothing_open'))];
  }
  const sentAt = new Date(received.sentAt);
  const timing = classifyAnswerTime({
    sentAt,
    deadlineAt: submission.deadlineAt,
    graceMinutes: submission.exercise.graceMinutes,
    closesAfterMinutes: submission.exercise.closesAfterMinutes,
  });
  if (timing === 'closed') {
    await store.clearState(person.id);
    const closedAt = exerciseClosesAt(
      submission.deadlineAt,
      submission.exercise.graceMinutes,
      submission.exercise.closesAfterMinutes,
    );
    return [
      text(
        speaker.t('exercise:closed', {
          title: speaker.pick(submission.exercise.title),
          closedAt: formatLocalDateTime(closedAt, person.timeZone, speaker.language),
        }),
      ),
    ];
  }

  // "What I meant to write" / "the command" from a question about an ordinary word, tapped after
  // the person wrote something else: what was typed then is no longer kept, and is not filed.
  if (received.kind === 'choice' && isAnswerOrCommandChoice(received.choiceId)) {
    return [text(speaker.t('commands:answer_or_command_expired')), ...askAgain(data.selection, submission, speaker)];
  }

  const atSummary = state.step === 'confirm' || submission.currentPosition >= submission.exercise.questions.length;
  // A button answers the question it was sent with, and no other.
  const button = received.kind === 'choice' ? readQuestionChoiceId(received.choiceId) : null;
  if (button) {
    const position = atSummary ? submission.exercise.questions.length : submission.currentPosition;
    if (button.submissionTag !== submissionTag(submission.id) || button.position !== position) {
      return [
        text(whyNotThisButton(button, submission, submissions, context, speaker)),
        ...askAgain(data.selection, submission, speaker),
      ];
    }
  }
  const event: InboundEvent =
    received.kind === 'choice' && button ? { ...received, choiceId: button.choiceId } : received;

  if (atSummary) {
    if (event.kind === 'choice' && event.choiceId === EXERCISE_CHOICE_IDS.confirm) {
      await store.submit(submission.id, sentAt, timing === 'late');
      const at = formatLocalDateTime(sentAt, person.timeZone, speaker.language);
      const receipt = text(speaker.t(timing === 'late' ? 'exercise:receipt_late' : 'exercise:receipt', { at }));
      // The next exercise open, if any, follows straight away.
      const next = currentSubmission(
        submissions.filter((s) => s.id !== submission.id),
        context.now(),
      );
      if (next) return [receipt, ...(await resumeExercise(next, context))];
      await store.clearState(person.id);
      return [receipt];
    }
    if (event.kind === 'choice' && event.choiceId === EXERCISE_CHOICE_IDS.restart) {
      // The new answers replace the old ones: nothing of the first try is added to them.
      await store.clearAnswers(submission.id);
      await store.moveTo(submission.id, 0, 'in_progress');
      await store.setState(person.id, { flow: EXERCISE, step: 'question', data: { submissionId: submission.id } });
      return [askQuestion({ ...submission, answers: [] }, 0, speaker)];
    }
    // Anything else: what to press, with the two buttons again, rather than the whole summary.
    const [confirm, restart] = [speaker.t('exercise:confirm'), speaker.t('exercise:restart')];
    const buttons = summaryChoices(submission, speaker);
    if (buttons.payload.kind !== 'choices') return [buttons];
    return [{ payload: { ...buttons.payload, text: speaker.t('exercise:confirm_press', { confirm, restart }) } }];
  }

  const position = submission.currentPosition;
  const step = await answerCurrentQuestion({
    submission,
    selection: data.selection,
    event,
    sentAt,
    speaker,
    mediaProblem: context.mediaProblem,
    keeping: {
      save: (questionId, answer) => store.saveAnswer(submission.id, questionId, answer),
      keepSelection: (selection) =>
        store.setState(person.id, { ...state, data: { submissionId: submission.id, ...(selection && { selection }) } }),
      textBegun: () => store.moveTo(submission.id, position, 'in_progress'),
      mediaFileFor: (channel, ref) => store.mediaFileFor(channel, ref),
    },
  });
  return step.kind === 'replies' ? step.replies : advance(submission, position, context, speaker);
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

/** Why a button that belongs to another question than the current one does nothing. */
function whyNotThisButton(
  button: QuestionChoice,
  current: SubmissionView,
  submissions: SubmissionView[],
  context: ExerciseContext,
  speaker: Speaker,
): string {
  const owner = submissions.find((s) => submissionTag(s.id) === button.submissionTag);
  if (!owner) return speaker.t('common:choice_expired');
  const title = speaker.pick(owner.exercise.title);
  if (owner.id === current.id) {
    // A later question's button (or the summary's) from before "Start again": that pass is over.
    const at = current.currentPosition;
    if (button.position > at && at < current.exercise.questions.length) {
      return speaker.t('exercise:earlier_pass', { number: at + 1 });
    }
    return speaker.t('exercise:already_answered');
  }
  if (owner.status === 'submitted') return speaker.t('exercise:already_submitted', { title });
  const closesAt = exerciseClosesAt(owner.deadlineAt, owner.exercise.graceMinutes, owner.exercise.closesAfterMinutes);
  if (owner.status === 'missed' || closesAt < context.now()) {
    return speaker.t('exercise:closed', {
      title,
      closedAt: formatLocalDateTime(closesAt, context.person.timeZone, speaker.language),
    });
  }
  return speaker.t('exercise:comes_after', { title, current: speaker.pick(current.exercise.title) });
}

/** The current question again (with the options picked so far), or the summary, as the person left it. */
function askAgain(selection: string[] | undefined, submission: SubmissionView, speaker: Speaker): Outgoing[] {
  const position = submission.currentPosition;
  const question = submission.exercise.questions[position];
  if (!question) return exerciseSummary(submission, speaker);
  if (question.type === 'multi_choice' && selection) return [selectionSoFar(submission, position, selection, speaker)];
  return [askQuestion(submission, position, speaker)];
}
