import type { HelpLevel } from '../../domain/help-desk/help-routing.ts';
import type { MediaKind } from '../../domain/inbound-event.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import type { Outgoing } from '../conversation-context.ts';
import { answerConversationId, replyToConversationId } from '../flows/help-desk-choice-ids.ts';
import { speakerForRecipient } from '../speaker.ts';

/** What the outbox calls a participant's message relayed to the team, and the team's answer to them. */
export const HELP_MESSAGE_PURPOSE = 'help_message';
export const HELP_ANSWER_PURPOSE = 'help_answer';

/** A message of a help-desk conversation: its words, its file, or both. */
export interface HelpMessageContent {
  text: string | null;
  media: { kind: MediaKind; mediaFileId: string } | null;
}

type Deps = { translate: Translate; defaultLanguage: Language };
type Recipient = { personId: string; locale: string | null };
type Programme = { defaultLocale: string | null } | null;

/**
 * A participant's message as the team member who answers it reads it in chat: the file first (if
 * any), then who wrote, from where, and the words, with a Reply button. `escalated` says it
 * passed up to them unanswered; `about` is the participant, whose erasure scrubs these messages.
 */
export function helpMessageForTeam(
  message: {
    conversationId: string;
    personId: string;
    personName: string | null;
    hubName: LocalizedText | null;
    level: HelpLevel;
    content: HelpMessageContent;
    escalated?: boolean;
  },
  recipient: Recipient,
  programme: Programme,
  deps: Deps,
): Outgoing[] {
  const { t, pick } = speakerForRecipient(recipient, programme, deps);
  const name = message.personName ?? t('helpdesk:unnamed');
  const from = message.hubName ? t('helpdesk:from_hub', { name, hub: pick(message.hubName) }) : name;
  const header = t(message.escalated ? 'helpdesk:escalated_to_you' : `helpdesk:for_${message.level}`, { from });
  const words = message.content.text ? t('helpdesk:quoted', { text: message.content.text }) : t('helpdesk:file_above');
  const common = { toPersonId: recipient.personId, purpose: HELP_MESSAGE_PURPOSE, about: [message.personId] };
  return [
    ...mediaOf(message.content, common),
    {
      ...common,
      payload: {
        kind: 'choices',
        text: `${header}\n${words}`,
        choices: [{ id: replyToConversationId(message.conversationId), label: t('helpdesk:reply') }],
      },
    },
  ];
}

/**
 * The team's answer as the participant reads it: the file (if any), then who answers (their name
 * and role) and the words, with a button to write back.
 */
export function teamAnswerForPerson(
  answer: {
    conversationId: string;
    authorId: string;
    authorName: string | null;
    authorRole: HelpLevel;
    content: HelpMessageContent;
    /** answer (the default): to something the person asked; message: the team writes first or again. */
    kind?: 'answer' | 'message';
  },
  recipient: Recipient,
  programme: Programme,
  deps: Deps,
): Outgoing[] {
  const { t } = speakerForRecipient(recipient, programme, deps);
  const who = t(`helpdesk:role_${answer.authorRole}`, { name: answer.authorName ?? t('helpdesk:unnamed') });
  const words = answer.content.text ? t('helpdesk:quoted', { text: answer.content.text }) : t('helpdesk:file_above');
  const common = { toPersonId: recipient.personId, purpose: HELP_ANSWER_PURPOSE, about: [answer.authorId] };
  return [
    ...mediaOf(answer.content, common),
    {
      ...common,
      payload: {
        kind: 'choices',
        text: `${t(answer.kind === 'message' ? 'helpdesk:message_from' : 'helpdesk:answer_from', { who })}\n${words}`,
        choices: [{ id: answerConversationId(answer.conversationId), label: t('helpdesk:answer_back') }],
      },
    },
  ];
}

function mediaOf(content: HelpMessageContent, common: Omit<Outgoing, 'payload'>): Outgoing[] {
  if (!content.media) return [];
  return [{ ...common, payload: { kind: 'media', media: content.media.kind, mediaFileId: content.media.mediaFileId } }];
}
