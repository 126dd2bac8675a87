import type { InboundEvent } from '../../domain/inbound-event.ts';
import { SUPPORTED_LANGUAGES } from '../../domain/programme/language.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { ApplicationCallView, ApplicationStore, ApplicationView } from '../stores/application-store.ts';
import type { DialogueStateStore, FlowState } from '../stores/dialogue-state-store.ts';
import type { ExerciseStore, SubmissionView } from '../stores/exercise-store.ts';
import { text, type Speaker } from '../speaker.ts';
import { answerCurrentQuestion } from './exercise-answer-step.ts';
import { EXERCISE_CHOICE_IDS, readQuestionChoiceId, submissionTag } from './exercise-choice-ids.ts';
import { askQuestion, selectionSoFar, summaryChoices } from './exercise-question.ts';
import { exerciseSummary } from './exercise-summary.ts';

/** The stores the questions of an application read and change. */
export type ApplicationQuestionsContext = ConversationContext<
  ApplicationStore & DialogueStateStore & Pick<ExerciseStore, 'mediaFileFor'>
>;

/**
 * An application as the exercise machinery reads a submission: the call is the exercise (its
 * questions keyed by their key), the application's answers are the submission's. So an application
 * is asked, answered, summed up and resumed exactly as an exercise is.
 */
export function applicationAsSubmission(
  call: ApplicationCallView,
  application: ApplicationView,
  context: ConversationContext<unknown>,
): SubmissionView {
  return {
    id: application.id,
    status: application.status === 'submitted' ? 'submitted' : 'in_progress',
    late: false,
    currentPosition: application.currentPosition,
    releaseAt: call.opensAt,
    deadlineAt: call.closesAt,
    submittedAt: application.submittedAt,
    exercise: {
      id: call.id,
      key: 'application',
      title: Object.fromEntries(
        SUPPORTED_LANGUAGES.map((language) => [
          language,
          context.translate(language, 'applications:title', {
            programme: call.programmeName[language] ?? Object.values(call.programmeName)[0] ?? '',
          }),
        ]),
      ),
      intro: call.intro,
      graceMinutes: 0,
      closesAfterMinutes: 0,
      questions: call.questions.map((question) => ({ ...question, id: question.key })),
    },
    answers: application.answers.map((answer) => ({
      questionId: answer.questionKey,
      value: answer.value,
      skipped: answer.skipped,
      mediaFileId: answer.mediaFileId,
    })),
  };
}

/** The question the applicant is on (with the options picked so far), or the summary once all are answered. */
export function currentApplicationQuestion(
  submission: SubmissionView,
  selection: string[] | undefined,
  speaker: Speaker,
): Outgoing[] {
  const position = submission.currentPosition;
  const question = submission.exercise.questions[position];
  if (!question) return exerciseSummary(submission, speaker);
  if (question.type === 'multi_choice' && selection) return [selectionSoFar(submission, position, selection, speaker)];
  return [askQuestion(submission, position, speaker)];
}

/** The state of the questions' part of an application: on a question, or at the summary. */
export function questionsState(
  data: Record<string, unknown>,
  submission: SubmissionView,
  selection?: string[],
): FlowState {
  const { selection: _dropped, ...kept } = data;
  return {
    flow: 'application',
    step: submission.currentPosition >= submission.exercise.questions.length ? 'confirm' : 'question',
    data: { ...kept, ...(selection && { selection }) },
  };
}

/** What a message does on the questions' part: an answer, Next, Done, the summary's two buttons. */
export async function continueApplicationQuestions(
  state: FlowState,
  selection: string[] | undefined,
  call: ApplicationCallView,
  application: ApplicationView,
  event: InboundEvent,
  context: ApplicationQuestionsContext,
  speaker: Speaker,
): Promise<{ replies: Outgoing[]; submitted: boolean }> {
  const { store, person } = context;
  const submission = applicationAsSubmission(call, application, context);
  const total = submission.exercise.questions.length;
  const atSummary = state.step === 'confirm' || submission.currentPosition >= total;
  const again = () => currentApplicationQuestion(submission, selection, speaker);
  const replies = (outgoing: Outgoing[]) => ({ replies: outgoing, submitted: false });

  // A button answers the question it was sent with, and no other.
  const button = event.kind === 'choice' ? readQuestionChoiceId(event.choiceId) : null;
  if (button) {
    const position = atSummary ? total : submission.currentPosition;
    if (button.submissionTag !== submissionTag(submission.id) || button.position !== position) {
      return replies([text(speaker.t('exercise:already_answered')), ...again()]);
    }
  }
  const received: InboundEvent = event.kind === 'choice' && button ? { ...event, choiceId: button.choiceId } : event;
  const sentAt = new Date(event.sentAt);

  if (atSummary) {
    if (received.kind === 'choice' && received.choiceId === EXERCISE_CHOICE_IDS.confirm) {
      await store.submitApplication(application.id, sentAt);
      await store.clearState(person.id);
      return {
        replies: [text(`${speaker.pick(call.thanks)}\n${speaker.t('applications:decision_here')}`)],
        submitted: true,
      };
    }
    if (received.kind === 'choice' && received.choiceId === EXERCISE_CHOICE_IDS.restart) {
      await store.clearApplicationAnswers(application.id);
      await store.moveApplicationTo(application.id, 0);
      const fresh = { ...submission, currentPosition: 0, answers: [] };
      await store.setState(person.id, questionsState(state.data, fresh));
      return replies([askQuestion(fresh, 0, speaker)]);
    }
    const [confirm, restart] = [speaker.t('exercise:confirm'), speaker.t('exercise:restart')];
    const buttons = summaryChoices(submission, speaker);
    if (buttons.payload.kind !== 'choices') return replies([buttons]);
    return replies([
      { payload: { ...buttons.payload, text: speaker.t('exercise:confirm_press', { confirm, restart }) } },
    ]);
  }

  const position = submission.currentPosition;
  const step = await answerCurrentQuestion({
    submission,
    selection,
    event: received,
    sentAt,
    speaker,
    mediaProblem: context.mediaProblem,
    keeping: {
      save: (questionKey, answer) => store.saveApplicationAnswer(application.id, questionKey, answer),
      keepSelection: (picked) => store.setState(person.id, questionsState(state.data, submission, picked)),
      textBegun: async () => {},
      mediaFileFor: (channel, ref) => store.mediaFileFor(channel, ref),
    },
  });
  if (step.kind === 'replies') return replies(step.replies);
  const next = position + 1;
  await store.moveApplicationTo(application.id, next);
  const refreshed = (await store.applications(person.id)).find((a) => a.id === application.id) ?? application;
  const moved = applicationAsSubmission(call, { ...refreshed, currentPosition: next }, context);
  await store.setState(person.id, questionsState(state.data, moved));
  return replies(currentApplicationQuestion(moved, undefined, speaker));
}
