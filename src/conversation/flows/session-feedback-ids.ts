import type { Choice } from '../../domain/outbound-message.ts';
import type { Speaker } from '../speaker.ts';

/**
 * The feedback question's buttons name the invitation they rate, so that they work whatever the
 * person is doing: `sfb:<invitationId>:4`; `sfb:<invitationId>:none` declines to comment.
 */
const FEEDBACK = /^sfb:([a-z0-9]{1,40}):([1-5]|none)$/;

export const FEEDBACK_SCORES = [1, 2, 3, 4, 5] as const;

export function feedbackChoiceId(invitationId: string, score: number | 'none'): string {
  return `sfb:${invitationId}:${score}`;
}

/** The invitation a feedback button answers, and its score (null: "no comment"). */
export function readFeedbackChoice(choiceId: string): { invitationId: string; score: number | null } | null {
  const match = FEEDBACK.exec(choiceId);
  if (!match) return null;
  return { invitationId: match[1]!, score: match[2] === 'none' ? null : Number(match[2]) };
}

/** The five buttons, 1 to 5. */
export function feedbackChoices(invitationId: string): Choice[] {
  return FEEDBACK_SCORES.map((score) => ({ id: feedbackChoiceId(invitationId, score), label: String(score) }));
}

/** The button of the comment step that declines to write one. */
export function noCommentChoice(invitationId: string, { t }: Pick<Speaker, 't'>): Choice {
  return { id: feedbackChoiceId(invitationId, 'none'), label: t('sessions:feedback.no_comment') };
}
