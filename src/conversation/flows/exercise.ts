import { z } from 'zod';
import { answerChoiceId, ANSWER_SKIP_CHOICE_ID } from '../../domain/answer/answer-choice-id.ts';
import type {
  AnswerInput,
  AnswerProblem,
  AnswerReading,
  AnswerableQuestion,
} from '../../domain/answer/answer-reading.ts';
import { finishSelection, SELECTION_DONE_CHOICE_ID, toggleChoice } from '../../domain/answer/multi-choice-selection.ts';
import { readAnswer } from '../../domain/answer/read-answer.ts';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import type { OutboundPayload } from '../../domain/outbound-message.ts';
import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import { classifyAnswerTime, exerciseIsOpen } from '../../domain/submission-timing.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { DialogueStateStore, FlowState } from '../stores/dialogue-state-store.ts';
import type { ExerciseStore, QuestionView, SubmissionView } from '../stores/exercise-store.ts';
import { flowData } from '../flow-data.ts';
import { formatBytes, speakerFor, text, type Speaker } from '../speaker.ts';

/** The stores this file reads and changes. */
type ExerciseContext = ConversationContext<ExerciseStore & DialogueStateStore>;

/**
 * Answering an exercise in chat, one question at a time. Where the person is lives on the
 * submission (the current question) and in the flow state (a selection being built, whether a
 * text answer has begun), so they can stop halfway and resume exactly there.
 */
export const EXERCISE = 'exercise';

const NEXT = 'ex:next';
const CONFIRM = 'ex:confirm';
const RESTART = 'ex:restart';

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
  if (position >= submission.exercise.questions.length) return summary(submission, speaker);
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
    if (event.kind === 'choice' && event.choiceId === CONFIRM) {
      await store.submit(submission.id, sentAt, timing === 'late');
      await store.clearState(person.id);
      const at = formatLocalDateTime(sentAt, person.timeZone, speaker.language);
      return [text(speaker.t(timing === 'late' ? 'exercise:receipt_late' : 'exercise:receipt', { at }))];
    }
    if (event.kind === 'choice' && event.choiceId === RESTART) {
      await store.moveTo(submission.id, 0, 'in_progress');
      await store.setState(person.id, { flow: EXERCISE, step: 'question', data: { submissionId: submission.id } });
      return [askQuestion(submission, 0, speaker)];
    }
    return summary(submission, speaker);
  }

  const position = submission.currentPosition;
  const question = submission.exercise.questions[position];
  if (!question) return advance(submission, position, context, speaker);
  const answerable = answerableQuestion(question, speaker);
  const existing = submission.answers.find((a) => a.questionId === question.id);

  // A text answer may come in several messages: each one adds to it until the person taps Next.
  if (question.type === 'text' && existing && !existing.skipped) {
    if (event.kind === 'choice' && event.choiceId === NEXT) return advance(submission, position, context, speaker);
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
    return summary(refreshed, speaker);
  }
  await context.store.setState(context.person.id, {
    flow: EXERCISE,
    step: 'question',
    data: { submissionId: submission.id },
  });
  return [askQuestion(refreshed, next, speaker)];
}

function summary(submission: SubmissionView, speaker: Speaker): Outgoing[] {
  const lines = submission.exercise.questions.map((question, index) => {
    const answer = submission.answers.find((a) => a.questionId === question.id);
    return `${index + 1}. ${speaker.pick(question.prompt)}\n   → ${describeAnswer(question, answer, speaker)}`;
  });
  return [
    text(
      `${speaker.t('exercise:summary_title', { title: speaker.pick(submission.exercise.title) })}\n\n${lines.join('\n')}`,
    ),
    {
      payload: {
        kind: 'choices',
        text: speaker.t('exercise:confirm_question'),
        choices: [
          { id: CONFIRM, label: speaker.t('exercise:confirm') },
          { id: RESTART, label: speaker.t('exercise:restart') },
        ],
      },
    },
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

function askQuestion(submission: SubmissionView, position: number, speaker: Speaker): Outgoing {
  const questions = submission.exercise.questions;
  const question = questions[position]!;
  const prompt = speaker.t('exercise:question', {
    number: position + 1,
    total: questions.length,
    prompt: speaker.pick(question.prompt),
  });
  const body = question.required ? prompt : `${prompt}\n${speaker.t('exercise:optional')}`;
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

function selectionPayload(question: QuestionView, speaker: Speaker): Extract<OutboundPayload, { kind: 'choices' }> {
  return {
    kind: 'choices',
    text: '',
    menuLabel: speaker.t('common:choose'),
    choices: [...options(question, speaker), { id: SELECTION_DONE_CHOICE_ID, label: speaker.t('exercise:done') }],
  };
}

function textSaved(speaker: Speaker): Outgoing {
  return {
    payload: {
      kind: 'choices',
      text: speaker.t('exercise:text_saved'),
      choices: [{ id: NEXT, label: speaker.t('exercise:next') }],
    },
  };
}

function answerableQuestion(question: QuestionView, speaker: Speaker): AnswerableQuestion {
  return {
    type: question.type,
    required: question.required,
    options: question.options?.map((option) => ({ key: option.key, label: speaker.pick(option.label) })) ?? null,
    min: question.min,
    max: question.max,
  };
}

function answerInput(event: InboundEvent): AnswerInput | null {
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

function describeProblem(problem: AnswerProblem, speaker: Speaker): string {
  if (problem.kind === 'ambiguous-number') {
    return speaker.t('exercise:problem_ambiguous_number', { first: problem.readings[0], second: problem.readings[1] });
  }
  if (problem.kind === 'out-of-range' && (problem.min === null || problem.max === null)) {
    return speaker.t(`exercise:problem_out_of_range_${problem.max === null ? 'min' : 'max'}`, { ...problem });
  }
  return speaker.t(`exercise:problem_${problem.kind.replace(/-/g, '_')}`, { ...problem });
}
