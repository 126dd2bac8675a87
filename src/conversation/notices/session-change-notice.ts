import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { Language } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import { rsvpChoices } from '../flows/session-choice-ids.ts';
import { speakerForRecipient } from '../speaker.ts';
import { sessionDetailsText, type SessionDetails } from './session-details.ts';

/**
 * The notice that a session's time or place changed, to those who said they would come: the new
 * details in their language and local time, the calendar link to update it, and the buttons to
 * say again whether they can come.
 */
export function sessionChangeNotice(
  details: SessionDetails,
  recipient: { locale: string | null; timeZone: string },
  programme: { defaultLocale: string | null },
  deps: { translate: Translate; defaultLanguage: Language },
  calendarUrl: string | null,
): OutboundPayload {
  const speaker = speakerForRecipient(recipient, programme, deps);
  const { t } = speaker;
  const parts = [t('sessions:announce.changed'), sessionDetailsText(details, recipient, speaker)];
  if (calendarUrl) parts.push(t('sessions:announce.calendar_update', { url: calendarUrl }));
  if (!details.session.rsvp) return { kind: 'text', text: parts.join('\n\n') };
  parts.push(t('sessions:announce.question_again'));
  return { kind: 'choices', text: parts.join('\n\n'), choices: rsvpChoices(details.invitationId, speaker) };
}
