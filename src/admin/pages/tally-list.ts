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

/** A session's (or a venue's) answers and attendance as a row of figures: "12 Invités · 5 Oui · …". */
export function tallyList(tally: InvitationTally, t: AdminTranslate, options: { waiting: boolean }): SafeHtml {
  return html`<ul class="tally" aria-label="${t('dashboard-sessions:list.counts')}">${COUNTS.filter(
    ([field]) => field !== 'waiting' || options.waiting,
  ).map(
    ([field, key]) => html`<li class="count-${key}"><b>${tally[field]}</b> ${t(`dashboard-sessions:list.${key}`)}</li>`,
  )}</ul>`;
}
