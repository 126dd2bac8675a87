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
  // The hubs in the programme's order, the online venue last.
  const place = (venue: SessionRecipients['venues'][number]) => {
    const index = programme.hubs.findIndex((hub) => hub.id === venue.hubId);
    return index === -1 ? programme.hubs.length : index;
  };
  const ordered = [...recipients.venues].sort((a, b) => place(a) - place(b));
  return html`<section class="preview" aria-labelledby="recipients-heading"><h2 id="recipients-heading">${p('heading')}</h2>
<ul class="cards">
<li><b data-count="recipients">${recipients.total}</b>${p('invited', { count: recipients.total })}</li>
<li><b data-count="window-closed">${recipients.whatsappOutsideWindow}</b>${p('window_closed', { count: recipients.whatsappOutsideWindow })}</li>
<li><b data-count="told">${recipients.told}</b>${p('told', { count: recipients.told })}</li>
</ul>
<ul class="venues">${ordered.map(
    (venue) =>
      html`<li data-venue="${venue.venueKey}"><b>${venueName(venue)}</b> — <span data-invited>${p('venue_invited', { count: venue.invited })}</span>${
        venue.whatsappOutsideWindow > 0
          ? html` · <span data-window-closed>${p('venue_window_closed', { count: venue.whatsappOutsideWindow })}</span>`
          : ''
      }${venue.told > 0 ? html` · <span data-told>${p('venue_told', { count: venue.told })}</span>` : ''}${
        venue.invited > 0 && venue.invited <= NAMES_UP_TO
          ? html`<br><span class="muted">${new Intl.ListFormat(language, { type: 'conjunction' }).format(venue.names)}</span>`
          : ''
      }</li>`,
  )}</ul>
${recipients.withoutVenue > 0 ? html`<p class="notice">${p('without_venue', { count: recipients.withoutVenue })}</p>` : ''}
${recipients.whatsappOutsideWindow > 0 ? html`<p class="muted">${p('window_explained', { count: recipients.whatsappOutsideWindow })}</p>` : ''}
<p class="muted">${p('judged_at', { local: formatLocalDateTime(recipients.at, programme.timeZone, language), zone: programme.timeZone })}</p>
${recipients.total === 0 ? html`<p class="notice error">${p('nobody')}</p>` : ''}
</section>`;
}
