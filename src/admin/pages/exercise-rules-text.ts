import { Info } from 'luxon';
import { parseDeadlineRule, parseReleaseRule } from '../../domain/calendar-rule.ts';
import type { Language } from '../../domain/programme/language.ts';
import type { AdminTranslate } from '../layout.ts';

/**
 * When an exercise goes out and is due, as a sentence in the viewer's language ("Envoi le lundi
 * de la semaine 1 à 09:00, heure locale de chaque participant ; à rendre le dimanche de la
 * semaine 1 à 23:59"), from the rules of the programme file ("week 1, monday 09:00").
 */
export function exerciseRulesText(
  rules: { releaseRule: string; deadlineRule: string },
  t: AdminTranslate,
  language: Language,
): string {
  const release = parseReleaseRule(rules.releaseRule);
  const deadline = parseDeadlineRule(rules.deadlineRule);
  // The import checked both; a rule it could not read is shown as written rather than hidden.
  if (!release.ok || !deadline.ok) return `${rules.releaseRule} → ${rules.deadlineRule}`;
  const weekday = (day: number) => Info.weekdays('long', { locale: language })[day - 1]!;
  const time = ({ hour, minute }: { hour: number; minute: number }) =>
    `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  const { rule } = deadline;
  const due =
    rule.kind === 'week'
      ? t('dashboard-people:rule_deadline_week', {
          weekday: weekday(rule.weekday),
          week: rule.week,
          time: time(rule.time),
        })
      : rule.minutes === 0
        ? rule.time
          ? t('dashboard-people:rule_deadline_days_at', { count: rule.days, time: time(rule.time) })
          : t('dashboard-people:rule_deadline_days', { count: rule.days })
        : t('dashboard-people:rule_deadline_hours', {
            count: Math.round(((rule.days * 24 * 60 + rule.minutes) / 60) * 10) / 10,
          });
  return t('dashboard-people:rule_release_week', {
    weekday: weekday(release.rule.weekday),
    week: release.rule.week,
    time: time(release.rule.time),
    deadline: due,
  });
}
