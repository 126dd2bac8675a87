/**
 * The help desk's buttons. Each names what it acts on, so that it works whatever the person is
 * doing when they tap it (every id stays under CHOICE_ID_MAX_LENGTH: a cuid is 25 characters).
 */

/** Under a participant's message, for the team: answer this conversation. */
export const replyToConversationId = (conversationId: string) => `hd:reply:${conversationId}`;
/** Under the team's answer, for the participant: write back in this conversation. */
export const answerConversationId = (conversationId: string) => `hd:answer:${conversationId}`;
/** Asked whether a message written outside any dialogue is for the team. */
export const SEND_TO_TEAM_ID = 'hd:send:yes';
export const KEEP_FROM_TEAM_ID = 'hd:send:no';
/** A mentor or trainer picking which of their people to write to. */
export const writeToPersonId = (personId: string) => `hd:to:${personId}`;

export type HelpDeskChoice =
  | { kind: 'reply'; conversationId: string }
  | { kind: 'answer'; conversationId: string }
  | { kind: 'send'; confirmed: boolean }
  | { kind: 'write-to'; personId: string };

/** What a help-desk button means; null for any other button. */
export function parseHelpDeskChoice(choiceId: string): HelpDeskChoice | null {
  const [prefix, kind, value] = choiceId.split(':');
  if (prefix !== 'hd' || !value) return null;
  if (kind === 'reply') return { kind: 'reply', conversationId: value };
  if (kind === 'answer') return { kind: 'answer', conversationId: value };
  if (kind === 'send' && (value === 'yes' || value === 'no')) return { kind: 'send', confirmed: value === 'yes' };
  if (kind === 'to') return { kind: 'write-to', personId: value };
  return null;
}
