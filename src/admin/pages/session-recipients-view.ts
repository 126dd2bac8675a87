import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import type { Language } from '../../domain/programme/language.ts';
import { ONLINE_VENUE } from '../../domain/sessions/session-definition.ts';
import { html, type SafeHtml } from '../html.ts';
import type { AdminTranslate } from '../layout.ts';
import type { SessionChoices } from './session-choices.ts';
import type { SessionRecipients } from './session-recipients.ts';

/** Names are listed when a venue has this many people or fewer. */
const NAMES_UP_TO = 20;

/** The announcement's recipients: how many in all and per venue, closed WhatsApp windows, who was told. */
export function recipientsView(
  recipients: SessionRecipients,
  programme: SessionChoices,
  language: Language,
  t: AdminTranslate,
): SafeHtml {
  const p = (key: string, values?: Record<string, unknown>) => t(`dashboard-sessions:preview.${key}`, values);
  const venueName = (venue: SessionRecipients['venues'][number]) =>
    venue.venueKey === ONLINE_VENUE
      ? p('online')
      : (programme.hubs.find((hub) => hub.id === venue.hubId)?.name ?? venue.venueKey);
  return html`<section class="preview" aria-labelledby="recipients-heading"><h2 id="recipients-heading">${p('heading')}</h2>
<ul class="cards">
<li><b data-count="recipients">${recipients.total}</b>${p('invited', { count: recipients.total })}</li>
<li><b data-count="window-closed">${recipients.whatsappOutsideWindow}</b>${p('window_closed', { count: recipients.whatsappOutsideWindow })}</li>
<li><b data-count="told">${recipients.told}</b>${p('told', { count: recipients.told })}</li>
</ul>
<div class="table"><table><thead><tr><th>${p('venue')}</th><th class="n">${p('col_invited')}</th><th class="n">${p('col_window_closed')}</th><th class="n">${p('col_told')}</th></tr></thead>
<tbody>${recipients.venues.map(
    (venue) =>
      html`<tr data-venue="${venue.venueKey}"><td>${venueName(venue)}${
        venue.invited > 0 && venue.invited <= NAMES_UP_TO
          ? html`<br><span class="muted">${new Intl.ListFormat(language, { type: 'conjunction' }).format(venue.names)}</span>`
          : ''
      }</td><td class="n">${venue.invited}</td><td class="n">${venue.whatsappOutsideWindow}</td><td class="n">${venue.told}</td></tr>`,
  )}</tbody></table></div>
${recipients.withoutVenue > 0 ? html`<p class="notice">${p('without_venue', { count: recipients.withoutVenue })}</p>` : ''}
${recipients.whatsappOutsideWindow > 0 ? html`<p class="muted">${p('window_explained', { count: recipients.whatsappOutsideWindow })}</p>` : ''}
<p class="muted">${p('judged_at', { local: formatLocalDateTime(recipients.at, programme.timeZone, language), zone: programme.timeZone })}</p>
${recipients.total === 0 ? html`<p class="notice error">${p('nobody')}</p>` : ''}
</section>`;
}
