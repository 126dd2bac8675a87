import { html, type SafeHtml } from '../html.ts';
import type { AdminTranslate } from '../layout.ts';

const APPLICATION_ACTIONS = new Set(['review', 'shortlist', 'unshortlist', 'accept', 'decline', 'waiting_list']);

/**
 * A review, shortlist or decision on an application, in words, with a link to the application
 * (its page names the applicant: the audit keeps no name, so an erased application leaves none).
 */
export function applicationAuditSentence(
  entry: { action: string; entityId?: string | null },
  details: Record<string, unknown>,
  t: AdminTranslate,
  values: Record<string, unknown>,
): SafeHtml | null {
  const action = entry.action.slice('application.'.length);
  if (!APPLICATION_ACTIONS.has(action)) return null;
  const sentence = t(`dashboard-applications:audit.${action}`, { ...values, score: details.score });
  const extra = [
    details.commented === true ? t('dashboard-applications:audit.with_comment') : '',
    details.notified === true ? t('dashboard-applications:audit.told') : '',
  ].filter(Boolean);
  const link = entry.entityId
    ? html` (<a href="/admin/applications/${entry.entityId}">${t('dashboard-applications:audit.link')}</a>)`
    : '';
  return html`${sentence}${extra.map((part) => ` ${part}`)}${link}`;
}
