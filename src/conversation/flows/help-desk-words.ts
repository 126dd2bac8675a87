import type { HelpLevel } from '../../domain/help-desk/help-routing.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { Speaker } from '../speaker.ts';
import type { HelpDeskResponder } from '../stores/help-desk-store.ts';

/**
 * Who answers, as the person reads it: "votre mentor Mme Diallo", "l'équipe de Bukavu (Aline)",
 * "l'équipe du programme". Staff are not named: the person writes to the programme, not to one of them.
 */
export function whoAnswers(
  route: { level: HelpLevel; responders: HelpDeskResponder[]; hubName: LocalizedText | null },
  { t, pick }: Speaker,
): string {
  const names = route.responders.map((r) => r.displayName ?? t('helpdesk:unnamed')).join(', ');
  if (route.level === 'mentor') return t('helpdesk-ask:who_mentor', { count: route.responders.length, names });
  if (route.level === 'trainer') {
    return route.hubName
      ? t('helpdesk-ask:who_trainer', { hub: pick(route.hubName), names })
      : t('helpdesk-ask:who_trainer_no_hub', { names });
  }
  return t('helpdesk-ask:who_staff');
}

/** Roughly when an answer comes: within the programme's `help_desk.escalate_after` ("dans les 24 heures"). */
export function whenAnswered(escalateAfterMinutes: number, { t }: Speaker): string {
  if (escalateAfterMinutes % 60 !== 0) return t('helpdesk-ask:within_minutes', { count: escalateAfterMinutes });
  return t('helpdesk-ask:within_hours', { count: escalateAfterMinutes / 60 });
}
