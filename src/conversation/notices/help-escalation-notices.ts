import type { HelpLevel } from '../../domain/help-desk/help-routing.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import type { Outgoing } from '../conversation-context.ts';
import { speakerForRecipient, type Speaker } from '../speaker.ts';

/** What the outbox calls the notices that a question passed up a level. */
export const HELP_ESCALATION_PURPOSE = 'help_escalation';

type Deps = { translate: Translate; defaultLanguage: Language };
type Recipient = { personId: string; locale: string | null };
type Programme = { defaultLocale: string | null } | null;

/** Where a question went: the level above, its people, the person's hub. */
export interface EscalationTarget {
  level: Exclude<HelpLevel, 'mentor'>;
  names: (string | null)[];
  hubName: LocalizedText | null;
}

/** The participant's notice: their question, still unanswered, is now with the level above. */
export function escalationForPerson(
  target: EscalationTarget,
  recipient: Recipient,
  programme: Programme,
  deps: Deps,
): Outgoing {
  const speaker = speakerForRecipient(recipient, programme, deps);
  return {
    toPersonId: recipient.personId,
    purpose: HELP_ESCALATION_PURPOSE,
    payload: { kind: 'text', text: speaker.t('helpdesk-notices:person_now_with', { who: who(target, speaker) }) },
  };
}

/** The notice to whoever had the question: it waited `afterMinutes` unanswered and passed to the level above. */
export function escalationForPreviousResponder(
  escalation: {
    personId: string;
    personName: string | null;
    afterMinutes: number;
    target: EscalationTarget;
  },
  recipient: Recipient,
  programme: Programme,
  deps: Deps,
): Outgoing {
  const speaker = speakerForRecipient(recipient, programme, deps);
  const { t } = speaker;
  const hours = escalation.afterMinutes / 60;
  const delay = Number.isInteger(hours)
    ? t('helpdesk-notices:delay_hours', { count: hours })
    : t('helpdesk-notices:delay_minutes', { count: escalation.afterMinutes });
  return {
    toPersonId: recipient.personId,
    purpose: HELP_ESCALATION_PURPOSE,
    about: [escalation.personId],
    payload: {
      kind: 'text',
      text: t('helpdesk-notices:team_passed_on', {
        name: escalation.personName ?? t('helpdesk:unnamed'),
        delay,
        who: who(escalation.target, speaker),
      }),
    },
  };
}

/** The level a question went to, worded with its people: "the Bukavu team (Aline)". */
function who(target: EscalationTarget, { t, pick }: Speaker): string {
  const names = target.names.map((name) => name ?? t('helpdesk:unnamed')).join(', ');
  if (target.level === 'staff') return t('helpdesk-notices:who_staff', { names });
  return target.hubName
    ? t('helpdesk-notices:who_trainer_hub', { hub: pick(target.hubName), names })
    : t('helpdesk-notices:who_trainer', { names });
}
