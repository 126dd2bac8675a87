import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import { speakerForRecipient } from '../speaker.ts';

/** What a reminder says about an application not handed in. */
interface ApplicationReminderFacts {
  /** Before the consent, the questions have not begun: the whole application is left. */
  consented: boolean;
  questionsLeft: number;
  closesAt: Date;
}

/**
 * The reminder to finish an application before the call closes, in the applicant's language,
 * with the closing in their own time zone, and how to carry on (any message resumes it).
 */
export function applicationReminderNotice(
  reminder: ApplicationReminderFacts,
  recipient: { locale: string | null; timeZone: string },
  programme: { name: LocalizedText; defaultLocale: string | null },
  deps: { translate: Translate; defaultLanguage: Language },
): OutboundPayload {
  const speaker = speakerForRecipient(recipient, programme, deps);
  const values = {
    programme: speaker.pick(programme.name),
    closes: formatLocalDateTime(reminder.closesAt, recipient.timeZone, speaker.language),
    count: reminder.questionsLeft,
  };
  const left = reminder.consented
    ? speaker.t('application-call:reminder.questions_left', values)
    : speaker.t('application-call:reminder.not_begun', values);
  return {
    kind: 'text',
    text: [
      left,
      speaker.t('application-call:reminder.closes', values),
      speaker.t('application-call:reminder.resume'),
    ].join('\n\n'),
  };
}
