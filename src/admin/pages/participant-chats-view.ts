import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import type { Language } from '../../domain/programme/language.ts';
import type { PersonChat } from '../../conversation/stores/link-store.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, type AdminTranslate } from '../layout.ts';
import type { Viewer } from '../viewer.ts';

/**
 * The Chats section of a participant's page: each chat (platform, username or number, since when,
 * last message, in the participant's time). Staff may detach one when there are several (what
 * DÉLIER does), after a confirmation; mentors and trainers see the chats only.
 */
export function participantChats(
  chats: PersonChat[],
  view: {
    t: AdminTranslate;
    language: Language;
    timeZone: string;
    viewer: Viewer;
    personId: string;
    /** After an unlink: `unlinked`, or `last` when it was refused (the person's last chat). */
    notice?: string | undefined;
  },
): SafeHtml {
  const { t, language, timeZone, viewer, personId } = view;
  const key = (name: string) => `dashboard-links:${name}`;
  const when = (at: Date | null) => (at ? formatLocalDateTime(at, timeZone, language) : t(key('never')));
  const mayUnlink = viewer.role === 'staff' && chats.length > 1;
  const rows = chats.map((chat) => {
    const platform = t(key(`channel_${chat.channel}`));
    // A phone number is for staff: mentors and trainers see only its last two digits.
    const phone = viewer.role === 'staff' ? chat.phoneNumber : chat.phoneNumber && maskPhone(chat.phoneNumber);
    const account = chat.username ? `@${chat.username}` : (phone ?? '');
    const action = mayUnlink
      ? html`<details class="unlink"><summary>${t(key('unlink'))}</summary>
<form method="post" action="/admin/people/${personId}/chats/${chat.identityId}/unlink">${csrfField(viewer)}
<p>${t(key('unlink_explain'), { platform })}</p>
<button type="submit" class="danger">${t(key('unlink_confirm'), { platform })}</button></form></details>`
      : '';
    return html`<tr><td>${platform}</td><td>${account}</td><td>${when(chat.since)}</td><td>${when(chat.lastMessageAt)}</td>${viewer.role === 'staff' ? html`<td>${action}</td>` : ''}</tr>`;
  });
  const notice =
    view.notice === 'unlinked' || view.notice === 'last'
      ? html`<p class="notice" role="status">${t(key(`notice_${view.notice}`))}</p>`
      : '';
  return html`<section id="chats"><h2>${t(key('title'))}</h2>
${notice}
<div class="table"><table class="chats"><thead><tr><th>${t(key('platform'))}</th><th>${t(key('account'))}</th><th>${t(key('since'))}</th><th>${t(key('last_message'))}</th>${viewer.role === 'staff' ? html`<th></th>` : ''}</tr></thead><tbody>
${rows}
</tbody></table></div>
${chats.length > 1 ? '' : html`<p class="muted">${t(key('one_chat'))}</p>`}</section>`;
}

/** "2250700300001" → "•••••••••••01": enough to tell two numbers apart, not to call one. */
function maskPhone(number: string): string {
  return `${'•'.repeat(Math.max(number.length - 2, 0))}${number.slice(-2)}`;
}
