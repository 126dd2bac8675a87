import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { Language } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import { speakerForRecipient } from '../speaker.ts';
import { localSpan, type SessionDetails } from './session-details.ts';

/** The notice that a session will not take place, with the hour it was set for in the person's time. */
export function sessionCancelledNotice(
  details: SessionDetails,
  recipient: { locale: string | null; timeZone: string },
  programme: { defaultLocale: string | null },
  deps: { translate: Translate; defaultLanguage: Language },
): OutboundPayload {
  const { t, pick, language } = speakerForRecipient(recipient, programme, deps);
  const { venue } = details;
  return {
    kind: 'text',
    text: t('sessions:announce.cancelled', {
      title: pick(details.session.title),
      when: localSpan(venue.startsAt, venue.endsAt, recipient.timeZone, language),
    }),
  };
}
