import { z } from 'zod';
import type { InboundEvent } from '../../domain/inbound-event.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import { flowData, storedFlowState } from '../flow-data.ts';
import type { DialogueStateStore, FlowState } from '../stores/dialogue-state-store.ts';
import type { ExerciseStore } from '../stores/exercise-store.ts';
import type { SessionFeedbackStore } from '../stores/session-feedback-store.ts';
import { speakerFor, text } from '../speaker.ts';
import { giveBack, restoreState } from './give-dialogue-back.ts';
import { noCommentChoice, readFeedbackChoice } from './session-feedback-ids.ts';

/** The stores this file reads and changes. */
type FeedbackContext = ConversationContext<SessionFeedbackStore & ExerciseStore & DialogueStateStore>;

/**
 * After a session, those who attended rate it from 1 to 5 with buttons that name their invitation
 * (`sfb:<id>:4`), so a tap works whatever the person is doing; a second tap changes the rating.
 * The first rating asks for an optional comment: the next text is the comment, as typed, and
 * "No comment" ends the step. The step the person was at (an exercise) is given back afterwards.
 */
export const SESSION_FEEDBACK = 'session_feedback';

/** As long as a milestone's note. */
const COMMENT_MAX_LENGTH = 2000;
/** Past this, a text is more likely meant for something else than the comment. */
const COMMENT_WINDOW_MS = 48 * 3_600_000;

const feedbackData = z.object({
  invitationId: z.string(),
  /** When the comment was asked for (ISO). */
  askedAt: z.iso.datetime(),
  /** What the person was doing before, given back after the comment. */
  resume: storedFlowState.optional(),
});

/** What the comment step keeps between messages. */
export const SESSION_FEEDBACK_STATES = { [SESSION_FEEDBACK]: feedbackData };

export function isSessionFeedbackChoice(choiceId: string): boolean {
  return readFeedbackChoice(choiceId) !== null;
}

/** A tap on a rating or on "No comment"; `state` is what the person was doing, kept for afterwards. */
export async function answerFeedbackChoice(
  event: Extract<InboundEvent, { kind: 'choice' }>,
  state: FlowState | null,
  context: FeedbackContext,
): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  const { invitationId, score } = readFeedbackChoice(event.choiceId)!;
  const step = state?.flow === SESSION_FEEDBACK ? flowData(feedbackData, state) : null;
  const previous = step ? (step.resume ?? null) : state;
  if (score === null) {
    const after = step?.invitationId === invitationId ? await giveBack(previous, context) : [];
    return [text(t('sessions:feedback.comment_skipped')), ...after];
  }
  const at = new Date(event.sentAt);
  const rated = await context.store.rateSession(invitationId, context.person.id, score, at);
  if (!rated) return [text(t('common:choice_expired'))];
  // A second tap changes the rating, and asks nothing more.
  if (rated.previousScore !== null) return [text(t('sessions:feedback.changed', { score }))];
  await context.store.setState(context.person.id, {
    flow: SESSION_FEEDBACK,
    step: 'comment',
    data: { invitationId, askedAt: at.toISOString(), ...(previous && { resume: previous }) },
  });
  return [
    {
      payload: {
        kind: 'choices',
        text: t('sessions:feedback.ask_comment', { score }),
        choices: [noCommentChoice(invitationId, { t })],
      },
    },
  ];
}

/**
 * The comment step: a text is the comment, stored as typed. Anything else (a choice, a file), or a
 * text long after the question, is not a comment: the step ends, what the person was doing is
 * given back, and null tells the caller to handle the event there.
 */
export async function continueFeedbackComment(
  state: FlowState,
  event: InboundEvent,
  context: FeedbackContext,
): Promise<Outgoing[] | null> {
  const { t, pick } = speakerFor(context);
  const { invitationId, askedAt, resume } = flowData(feedbackData, state);
  const stale = new Date(event.sentAt).getTime() - new Date(askedAt).getTime() > COMMENT_WINDOW_MS;
  if (stale || event.kind !== 'text') {
    await restoreState(resume ?? null, context);
    return null;
  }
  const written = event.text.trim();
  const after = await giveBack(resume ?? null, context);
  if (!written) return [text(t('sessions:feedback.comment_skipped')), ...after];
  const comment = written.slice(0, COMMENT_MAX_LENGTH);
  const saved = await context.store.commentSession(invitationId, context.person.id, comment, new Date(event.sentAt));
  if (saved.outcome === 'not_found') return [text(t('common:choice_expired')), ...after];
  if (saved.outcome === 'cancelled') {
    return [text(t('sessions:seams.comment_cancelled', { title: pick(saved.title) })), ...after];
  }
  const thanks =
    written.length > COMMENT_MAX_LENGTH
      ? t('sessions:feedback.comment_cut', { max: COMMENT_MAX_LENGTH })
      : t('sessions:feedback.comment_saved');
  return [text(thanks), ...after];
}
