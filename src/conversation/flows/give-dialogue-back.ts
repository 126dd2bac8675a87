import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { DialogueStateStore, FlowState } from '../stores/dialogue-state-store.ts';
import type { ExerciseStore } from '../stores/exercise-store.ts';
import { currentSubmission, EXERCISE, resumeExercise } from './exercise.ts';

type GiveBackContext = ConversationContext<ExerciseStore & DialogueStateStore>;

/** Stores the dialogue a short question interrupted (a milestone's note, a session's comment) again, or none. */
export async function restoreState(previous: FlowState | null, context: GiveBackContext): Promise<void> {
  if (previous) await context.store.setState(context.person.id, previous);
  else await context.store.clearState(context.person.id);
}

/** Puts the person back where they were; an exercise still open asks its current question again. */
export async function giveBack(previous: FlowState | null, context: GiveBackContext): Promise<Outgoing[]> {
  if (previous?.flow !== EXERCISE) {
    await restoreState(previous, context);
    return [];
  }
  const submission = currentSubmission(await context.store.submissions(context.person.id), context.now());
  if (submission && submission.id === previous.data.submissionId) return resumeExercise(submission, context);
  await context.store.clearState(context.person.id);
  return [];
}
