import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { Language } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import { rsvpChoices } from '../flows/session-choice-ids.ts';
import { speakerForRecipient } from '../speaker.ts';
import { sessionDetailsText, type SessionDetails } from './session-details.ts';

/**
 * A session's announcement, in the person's language: what it is (a workshop, an online
 * session…), the session at their venue in their local time (and the venue's when it differs), a
 * link to add it to their calendar when there is one, and the RSVP buttons when it asks.
 */
export function sessionAnnouncement(
  details: SessionDetails,
  recipient: { locale: string | null; timeZone: string },
  programme: { defaultLocale: string | null },
  deps: { translate: Translate; defaultLanguage: Language },
  calendarUrl: string | null,
): OutboundPayload {
  const speaker = speakerForRecipient(recipient, programme, deps);
  const { t } = speaker;
  const parts = [t(`sessions:announce.intro.${details.session.kind}`), sessionDetailsText(details, recipient, speaker)];
  if (calendarUrl) parts.push(t('sessions:announce.calendar', { url: calendarUrl }));
  if (!details.session.rsvp) return { kind: 'text', text: parts.join('\n\n') };
  parts.push(t('sessions:announce.question'));
  return { kind: 'choices', text: parts.join('\n\n'), choices: rsvpChoices(details.invitationId, speaker) };
}
