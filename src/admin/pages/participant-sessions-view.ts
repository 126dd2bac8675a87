import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import type { Language } from '../../domain/programme/language.ts';
import type { PersonInvitation } from '../../store/sessions/list-person-invitations.ts';
import { html, type SafeHtml } from '../html.ts';
import type { AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';

/**
 * The Sessions section of a participant's page: each session they are invited to, its start in
 * their own local time, their answer and their attendance (absent once it has ended without one).
 * Staff can open the session; a mentor sees the title only.
 */
export function participantSessions(
  invitations: PersonInvitation[],
  view: { t: AdminTranslate; language: Language; timeZone: string; now: Date; linkSessions: boolean },
): SafeHtml {
  const { t, language, timeZone, now } = view;
  const key = (name: string) => `dashboard-sessions:participant.${name}`;
  if (invitations.length === 0)
    return html`<section><h2>${t(key('title'))}</h2><p class="muted">${t(key('none'))}</p></section>`;
  const rows = invitations.map((invitation) => {
    const title = localizedText(invitation.session.title, language);
    const answer =
      invitation.rsvp === 'yes' && invitation.waitlistedAt !== null
        ? t(key('waiting'))
        : t(key(`rsvp_${invitation.rsvp ?? 'none'}`));
    const attendance =
      invitation.attendedAt !== null
        ? t(key(invitation.attendedBy === 'code' ? 'attended_code' : 'attended_roll_call'))
        : invitation.venue.endsAt <= now && invitation.session.status !== 'cancelled'
          ? t(key('absent'))
          : t(key('not_yet'));
    return html`<tr><td>${view.linkSessions ? html`<a href="/admin/sessions/${invitation.session.id}">${title}</a>` : title}${invitation.session.status === 'cancelled' ? html` <span class="badge status-missed">${t(key('cancelled'))}</span>` : ''}</td><td>${formatLocalDateTime(invitation.venue.startsAt, timeZone, language)}</td><td>${answer}</td><td>${attendance}</td></tr>`;
  });
  return html`<section><h2>${t(key('title'))}</h2>
<div class="table"><table class="sessions"><thead><tr><th>${t(key('session'))}</th><th>${t(key('when'))}</th><th>${t(key('rsvp'))}</th><th>${t(key('attendance'))}</th></tr></thead><tbody>
${rows}
</tbody></table></div></section>`;
}
