import { formatDueOn } from '../../domain/milestone-schedule.ts';
import { milestoneTitleIn } from '../../domain/milestone-title.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import { speakerForRecipient } from '../speaker.ts';

/** A milestone as its reminders name it: the title given, in each language when still defined, and its date. */
interface RemindedMilestone {
  title: string;
  titles: LocalizedText;
  /** YYYY-MM-DD */
  dueOn: string;
}

type Deps = { translate: Translate; defaultLanguage: Language };

/** Reminds a participant, before its date, of a milestone of their action plan, in their language. */
export function milestoneReminder(
  reminder: {
    recipient: { locale: string | null };
    programme: { defaultLocale: string | null };
    milestone: RemindedMilestone;
  },
  deps: Deps,
): string {
  const { language, t } = speakerForRecipient(reminder.recipient, reminder.programme, deps);
  return t('action-plan:reminder', {
    title: milestoneTitleIn(reminder.milestone, language),
    date: formatDueOn(reminder.milestone.dueOn, language),
  });
}

/** Tells a mentor, before its date, of a milestone of their mentee's action plan, in the mentor's language. */
export function mentorMilestoneReminder(
  reminder: {
    recipient: { locale: string | null };
    programme: { defaultLocale: string | null };
    participantName: string | null;
    milestone: RemindedMilestone;
  },
  deps: Deps,
): string {
  const { language, t } = speakerForRecipient(reminder.recipient, reminder.programme, deps);
  return t('action-plan:mentor_reminder', {
    name: reminder.participantName ?? '?',
    title: milestoneTitleIn(reminder.milestone, language),
    date: formatDueOn(reminder.milestone.dueOn, language),
  });
}
