import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import { speakerForRecipient } from '../speaker.ts';

/**
 * The notice that an exercise the person got (or started) closed before they handed it in, in
 * their language, with the closing in their own time zone.
 */
export function exerciseClosedNotice(
  closed: { exerciseTitle: LocalizedText; closedAt: Date },
  recipient: { locale: string | null; timeZone: string },
  programme: { defaultLocale: string | null },
  deps: { translate: Translate; defaultLanguage: Language },
): OutboundPayload {
  const speaker = speakerForRecipient(recipient, programme, deps);
  return {
    kind: 'text',
    text: speaker.t('exercise:closed_notice', {
      title: speaker.pick(closed.exerciseTitle),
      closedAt: formatLocalDateTime(closed.closedAt, recipient.timeZone, speaker.language),
    }),
  };
}
