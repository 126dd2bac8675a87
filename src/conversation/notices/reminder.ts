import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import { speakerForRecipient } from '../speaker.ts';

/** What a reminder says about the exercise not handed in yet. */
interface ReminderFacts {
  /** Open: not started, so a reminder; in progress: started and left halfway, so a nudge. */
  status: 'open' | 'in_progress';
  exerciseTitle: LocalizedText;
  deadlineAt: Date;
  questionsLeft: number;
}

/**
 * The reminder of an exercise due soon, or the nudge to finish one started, in the recipient's
 * language, with the deadline in their own time zone.
 */
export function reminderNotice(
  reminder: ReminderFacts,
  recipient: { locale: string | null; timeZone: string },
  programme: { defaultLocale: string | null },
  deps: { translate: Translate; defaultLanguage: Language },
): OutboundPayload {
  const speaker = speakerForRecipient(recipient, programme, deps);
  const values = {
    title: speaker.pick(reminder.exerciseTitle),
    deadline: formatLocalDateTime(reminder.deadlineAt, recipient.timeZone, speaker.language),
    left: reminder.questionsLeft,
  };
  return {
    kind: 'text',
    text: speaker.t(reminder.status === 'in_progress' ? 'exercise:nudge' : 'exercise:reminder', values),
  };
}
