import type { InboundEvent } from '../../domain/inbound-event.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import { teamAnswerForPerson, type HelpMessageContent } from '../notices/help-desk-notices.ts';
import type { DialogueStateStore } from '../stores/dialogue-state-store.ts';
import type { ExerciseStore } from '../stores/exercise-store.ts';
import type { TeamHelpStore, TeamMessageInput, TeamMessageSent } from '../stores/team-help-store.ts';
import { storedFlowState } from '../flow-data.ts';
import type { FlowState } from '../stores/dialogue-state-store.ts';
import { formatBytes, speakerFor, text } from '../speaker.ts';

/** The flows of the team's side of the help desk: answering a conversation, writing first to someone. */
export const TEAM_REPLY = 'team_reply';
export const WRITE_TO_PERSON = 'write_to_person';

/** The stores the team's help-desk flows read and change (ExerciseStore: a file's stored id, an exercise given back). */
export type TeamContext = ConversationContext<TeamHelpStore & DialogueStateStore & ExerciseStore>;

/** What someone of the team wrote while asked for their answer or message. */
export type TeamMessageReading =
  | { kind: 'message'; input: TeamMessageInput; content: HelpMessageContent }
  /** Not something to pass on (a location, a file that could not be kept): `replies` say why. */
  | { kind: 'problem'; replies: Outgoing[] }
  /** A button: not meant as the message; it acts as it would anywhere. */
  | { kind: 'other' };

/** Reads a text, or a file with its caption, as a message for a participant. */
export async function readTeamMessage(
  event: InboundEvent,
  context: ConversationContext<ExerciseStore>,
): Promise<TeamMessageReading> {
  const { t } = speakerFor(context);
  const sentAt = new Date(event.sentAt);
  if (event.kind === 'text') {
    return {
      kind: 'message',
      input: { text: event.text, mediaFileId: null, sentAt },
      content: { text: event.text, media: null },
    };
  }
  if (event.kind === 'media') {
    const problem = context.mediaProblem;
    const mediaFileId = problem ? null : await context.store.mediaFileFor(event.channel, event.media.ref);
    if (!mediaFileId) {
      const reason =
        problem?.kind === 'too-large'
          ? t('common:media_too_large', { max: formatBytes(problem.maxBytes) })
          : t('common:media_unreadable');
      return { kind: 'problem', replies: [text(t('common:media_rejected', { reason }))] };
    }
    const caption = event.media.caption?.trim() || null;
    return {
      kind: 'message',
      input: { text: caption, mediaFileId, sentAt },
      content: { text: caption, media: { kind: event.media.kind, mediaFileId } },
    };
  }
  if (event.kind === 'choice') return { kind: 'other' };
  return { kind: 'problem', replies: [text(t('helpdesk-team:compose_hint'))] };
}

/**
 * The message as the participant reads it, in their language (with a button to write back), then
 * the author's confirmation (`sentKey`: an answer or a message).
 */
export function deliverTeamMessage(
  sent: TeamMessageSent,
  content: HelpMessageContent,
  sentKey: 'helpdesk-team:answer_sent' | 'helpdesk-team:message_sent',
  context: ConversationContext<unknown>,
): Outgoing[] {
  const { t } = speakerFor(context);
  const toPerson = teamAnswerForPerson(
    {
      conversationId: sent.conversationId,
      authorId: context.person.id,
      authorName: context.person.displayName,
      authorRole: sent.authorRole,
      content,
      // An answer to what the person asked; else a message the team writes first (or again).
      kind: sent.answered ? 'answer' : 'message',
    },
    { personId: sent.person.id, locale: sent.person.locale },
    { defaultLocale: sent.programmeLocale },
    { translate: context.translate, defaultLanguage: context.defaultLanguage },
  );
  const name = sent.person.displayName ?? t('helpdesk:unnamed');
  return [...toPerson, { ...text(t(sentKey, { name })), about: [sent.person.id] }];
}

/**
 * The dialogue to give back once the message is sent: the one the person was in when they tapped
 * Reply or sent ÉCRIRE (an exercise, an announcement being written), or the one a team flow they
 * leave was already keeping.
 */
export function resumable(state: FlowState | null): FlowState | undefined {
  if (!state) return undefined;
  if (state.flow !== TEAM_REPLY && state.flow !== WRITE_TO_PERSON) return state;
  const kept = storedFlowState.safeParse(state.data.resume);
  return kept.success ? kept.data : undefined;
}
