import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import type { SlippingReason } from '../../domain/slipping.ts';
import type { Translate } from '../../i18n.ts';
import { speakerForRecipient } from '../speaker.ts';

const MINUTES_PER_DAY = 24 * 60;

/**
 * The alert telling a mentor (or, worded for them, a member of staff) that a participant of a
 * cohort is slipping, and why, in the recipient's language.
 */
export function slippingAlert(
  alert: {
    recipient: { locale: string | null; mentor: boolean };
    programme: { defaultLocale: string | null };
    participantName: string | null;
    cohortName: LocalizedText;
    reasons: readonly SlippingReason[];
  },
  deps: { translate: Translate; defaultLanguage: Language },
): string {
  const { language, t, pick } = speakerForRecipient(alert.recipient, alert.programme, deps);
  return t(alert.recipient.mentor ? 'digest:alert_mentor' : 'digest:alert_staff', {
    name: alert.participantName ?? t('digest:no_name'),
    cohort: pick(alert.cohortName),
    reasons: alert.reasons.map((reason) => slippingReasonText(reason, language, deps.translate)).join('\n'),
  });
}

/** One reason, as a line of the alert, in the recipient's language. */
export function slippingReasonText(reason: SlippingReason, language: Language, translate: Translate): string {
  if (reason.rule === 'missed_in_a_row') {
    return translate(language, 'digest:reason_missed_in_a_row', { count: reason.missed, threshold: reason.threshold });
  }
  return translate(language, 'digest:reason_silent', {
    count: Math.floor(reason.silentForMinutes / MINUTES_PER_DAY),
    threshold: translate(language, 'digest:days', { count: reason.threshold / MINUTES_PER_DAY }),
  });
}
