import type { InvitationTally } from '../../domain/sessions/tally-invitations.ts';
import { html, type SafeHtml } from '../html.ts';
import type { AdminTranslate } from '../layout.ts';

/** The counts in the order staff read them; the waiting list only where there is one. */
const COUNTS = [
  ['invited', 'invited'],
  ['yes', 'yes'],
  ['maybe', 'maybe'],
  ['no', 'no'],
  ['noAnswer', 'no_answer'],
  ['waiting', 'waiting'],
  ['attended', 'attended'],
] as const;

/** The labels that agree with their figure ("1 Invité·e", "2 Invité·es"). */
const PLURAL_COUNTS = new Set<string>(['invited', 'attended']);

/**
 * A session's (or a venue's) answers and attendance as a row of figures: "12 Invité·es · 5 Oui · …".
 * Before it starts, the attendance is not yet a result and is not highlighted.
 */
export function tallyList(
  tally: InvitationTally,
  t: AdminTranslate,
  options: { waiting: boolean; started: boolean; announced?: boolean },
): SafeHtml {
  return html`<ul class="tally" aria-label="${t('dashboard-sessions:list.counts')}">${COUNTS.filter(
    ([field]) => field !== 'waiting' || options.waiting,
  ).map(([field, key]) =>
    // Nobody is invited before the announcement: "Pas encore annoncée" says why rather than a 0.
    key === 'invited' && tally.invited === 0 && options.announced === false
      ? html`<li class="count-invited">${t('dashboard-sessions:list.invited_not_announced')}</li>`
      : html`<li class="count-${key}${key === 'attended' && !options.started ? ' not-started' : ''}"><b>${tally[field]}</b> ${t(`dashboard-sessions:list.${key}`, PLURAL_COUNTS.has(key) ? { count: tally[field] } : {})}</li>`,
  )}</ul>`;
}
