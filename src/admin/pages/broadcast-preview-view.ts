import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import { readerPlaces } from '../../domain/reader-places.ts';
import { zoneCity } from '../../domain/zone-city.ts';
import type { Language } from '../../domain/programme/language.ts';
import { describeSegment, type SegmentFilter } from '../../domain/segment.ts';
import type { BroadcastPreview } from '../../store/broadcasts/preview-broadcast.ts';
import { html, type SafeHtml } from '../html.ts';
import type { AdminTranslate } from '../layout.ts';
import { segmentNames, type ProgrammeChoices } from './broadcast-form.ts';
import { utcTime } from './utc-time.ts';

/** What a broadcast would do if sent: recipients, closed WhatsApp windows, when, and each text as read. */
export function previewView(
  preview: BroadcastPreview & { filter: SegmentFilter; at: Date; timesZone: string },
  programme: ProgrammeChoices,
  language: Language,
  t: AdminTranslate,
): SafeHtml {
  const channels = Object.entries(preview.byChannel)
    .map(([channel, n]) => `${t(`dashboard-broadcasts:channel_${channel}`)} ${n}`)
    .join(', ');
  const roles = preview.roles.map((role) =>
    t('dashboard-broadcasts:role_count', {
      role: t(`dashboard-broadcasts:role_${role}`),
      count: preview.byRole[role] ?? 0,
    }),
  );
  return html`<section class="preview" aria-labelledby="preview-heading"><h2 id="preview-heading">${t('dashboard-broadcasts:preview_heading')}</h2>
<ul class="cards">
<li><b data-count="recipients">${preview.recipients}</b>${t('dashboard-broadcasts:recipients')}</li>
<li><b data-count="window-closed">${preview.whatsappOutsideWindow}</b>${t('dashboard-broadcasts:window_closed')}</li>
</ul>
<p data-roles="${preview.roles.join(' ')}">${t('dashboard-broadcasts:roles_are', { roles: roles.join(', ') })}</p>
<p>${t('dashboard-broadcasts:audience_is', { audience: describeSegment(preview.filter, segmentNames(programme), language) })}${channels ? ` — ${channels}` : ''}</p>
${preview.whatsappOutsideWindow > 0 ? html`<p class="notice">${t('dashboard-broadcasts:window_closed_explained', { count: preview.whatsappOutsideWindow })}</p>` : ''}
<p>${t('dashboard-broadcasts:sends_at', { local: formatLocalDateTime(preview.at, programme.timeZone, language), zone: programme.timeZone, utc: utcTime(preview.at) })}</p>
<p>${t(`dashboard-broadcasts:times_read_in_${preview.timesZone === programme.timeZone ? 'programme' : 'audience'}`, { place: zoneCity(preview.timesZone), zone: preview.timesZone })}</p>
<p class="muted">${t('dashboard-broadcasts:evaluated_when_sent')}</p>
${preview.recipients === 0 ? html`<p class="notice error">${t('dashboard-broadcasts:nobody')}</p>` : ''}
${preview.variants.map(
  (
    variant,
  ) => html`<h3>${t('dashboard-broadcasts:readers', { places: readerPlaces(variant.places, language), count: variant.readers, language: t(`dashboard-broadcasts:language_in_${variant.language}`) })}</h3>
<div class="message" lang="${variant.language}">${variant.text}</div>`,
)}
</section>`;
}
