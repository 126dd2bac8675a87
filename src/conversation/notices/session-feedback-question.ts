import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import { feedbackChoices } from '../flows/session-feedback-ids.ts';
import { speakerForRecipient } from '../speaker.ts';

/** After a session, to someone who attended: what did you think of it, 1 to 5, with five buttons. */
export function sessionFeedbackQuestion(
  invitation: { id: string; title: LocalizedText },
  recipient: { locale: string | null },
  programme: { defaultLocale: string | null },
  deps: { translate: Translate; defaultLanguage: Language },
): OutboundPayload {
  const { t, pick } = speakerForRecipient(recipient, programme, deps);
  return {
    kind: 'choices',
    text: t('sessions:feedback.question', { title: pick(invitation.title) }),
    choices: feedbackChoices(invitation.id),
  };
}
