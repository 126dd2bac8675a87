import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { Language } from '../../domain/programme/language.ts';
import { timeUntilStart } from '../../domain/sessions/session-reminder-timing.ts';
import type { Translate } from '../../i18n.ts';
import { rsvpChoices } from '../flows/session-choice-ids.ts';
import { speakerForRecipient } from '../speaker.ts';
import { sessionDetailsText, type SessionDetails } from './session-details.ts';

/**
 * A session's reminder, in the recipient's language and local time: how long until it starts as a
 * person would say it ("Rappel : rendez-vous demain à 09:00."), then what, when and where. Someone
 * who has not answered yet is asked, with the RSVP buttons.
 */
export function sessionReminderNotice(
  details: SessionDetails,
  reminder: {
    recipient: { locale: string | null; timeZone: string };
    programme: { defaultLocale: string | null };
    /** When the reminder goes out: the hour it speaks from. */
    sentAt: Date;
    askRsvp: boolean;
  },
  deps: { translate: Translate; defaultLanguage: Language },
): OutboundPayload {
  const { recipient } = reminder;
  const speaker = speakerForRecipient(recipient, reminder.programme, deps);
  const until = timeUntilStart(reminder.sentAt, details.venue.startsAt, recipient.timeZone);
  const lines = [
    speaker.t(`sessions:reminder.${until.kind}`, until),
    '',
    sessionDetailsText(details, recipient, speaker),
  ];
  if (!reminder.askRsvp) return { kind: 'text', text: lines.join('\n') };
  lines.push('', speaker.t('sessions:reminder.will_you_come'));
  return { kind: 'choices', text: lines.join('\n'), choices: rsvpChoices(details.invitationId, speaker) };
}
