import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import type { Language } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import type { Outgoing } from '../conversation-context.ts';
import { rsvpChoices } from '../flows/session-choice-ids.ts';
import { speakerForRecipient } from '../speaker.ts';
import type { PromotedInvitation } from '../stores/rsvp-store.ts';

/**
 * Tells someone from the waiting list that a seat is theirs, in their language and local time,
 * with the buttons to give it back if they can no longer come.
 */
export function waitlistPromotion(
  promoted: PromotedInvitation,
  deps: { translate: Translate; defaultLanguage: Language },
): Outgoing {
  const speaker = speakerForRecipient(promoted.recipient, promoted.programme, deps);
  const { t, pick, language } = speaker;
  return {
    toPersonId: promoted.personId,
    purpose: 'session_waitlist',
    // Held for the WhatsApp window until after the start, the seat is worth nothing: skipped then.
    notAfter: promoted.venue.startsAt,
    payload: {
      kind: 'choices',
      text: t('sessions:waitlist.promoted', {
        title: pick(promoted.session.title),
        when: formatLocalDateTime(promoted.venue.startsAt, promoted.recipient.timeZone, language),
      }),
      choices: rsvpChoices(promoted.invitationId, speaker),
    },
  };
}
