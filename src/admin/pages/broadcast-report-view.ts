import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import { describeSegment, segmentFilterSchema } from '../../domain/segment.ts';
import { zoneCity } from '../../domain/zone-city.ts';
import { DELIVERY_BUCKETS, type BroadcastDeliveryReport } from '../../store/broadcasts/broadcast-delivery-report.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, type AdminTranslate } from '../layout.ts';
import type { Viewer } from '../viewer.ts';
import { segmentNames, type ProgrammeChoices } from './broadcast-form.ts';
import { utcTime } from './utc-time.ts';

/** A broadcast's delivery report: when, to whom, counts by bucket and channel, the problems and its texts. */
export function reportView(
  report: BroadcastDeliveryReport,
  programme: ProgrammeChoices,
  audienceNow: { recipients: number; whatsappOutsideWindow: number } | null,
  viewer: Viewer,
  t: AdminTranslate,
): SafeHtml {
  const { broadcast, counts } = report;
  const language = viewer.language;
  const filter = segmentFilterSchema.safeParse(broadcast.filter);
  const timesZone = broadcast.timesZone ?? programme.timeZone;
  const when = (at: Date | null) =>
    at ? `${formatLocalDateTime(at, programme.timeZone, language)} (${programme.timeZone}) — ${utcTime(at)}` : '—';
  return html`<dl>
<dt>${t('dashboard-broadcasts:status')}</dt><dd data-status="${broadcast.status}">${t(`dashboard-broadcasts:broadcast_status_${broadcast.status}`)}</dd>
<dt>${t('dashboard-broadcasts:scheduled_at')}</dt><dd>${when(broadcast.scheduledAt)}</dd>
${broadcast.fannedOutAt ? html`<dt>${t('dashboard-broadcasts:fanned_out_at')}</dt><dd>${when(broadcast.fannedOutAt)}</dd>` : ''}
<dt>${t('dashboard-broadcasts:created_by')}</dt><dd>${broadcast.createdBy ?? '—'}</dd>
<dt>${t('dashboard-broadcasts:audience')}</dt><dd>${filter.success ? describeSegment(filter.data, segmentNames(programme), language) : ''}</dd>
</dl>
${
  audienceNow
    ? html`<p class="notice">${t('dashboard-broadcasts:would_reach_now', audienceNow)}</p>
<form method="post" action="/admin/broadcasts/${broadcast.id}/cancel">${csrfField(viewer)}<button type="submit">${t('dashboard-broadcasts:cancel')}</button></form>`
    : ''
}
<h2>${t('dashboard-broadcasts:delivery')}</h2>
<ul class="cards">${DELIVERY_BUCKETS.map((bucket) => html`<li><b data-bucket="${bucket}">${counts[bucket]}</b>${t(`dashboard-broadcasts:bucket_${bucket}`)}</li>`)}<li><b data-bucket="total">${counts.total}</b>${t('dashboard-broadcasts:bucket_total')}</li></ul>
<p class="muted">${t('dashboard-broadcasts:buckets_explained')}</p>
${
  Object.keys(report.byChannel).length > 0
    ? html`<div class="table"><table><thead><tr><th>${t('dashboard-broadcasts:channel')}</th>${DELIVERY_BUCKETS.map((bucket) => html`<th class="n">${t(`dashboard-broadcasts:bucket_${bucket}`)}</th>`)}<th class="n">${t('dashboard-broadcasts:bucket_total')}</th></tr></thead>
<tbody>${Object.entries(report.byChannel).map(([channel, row]) => html`<tr><td>${t(`dashboard-broadcasts:channel_${channel}`)}</td>${DELIVERY_BUCKETS.map((bucket) => html`<td class="n">${row[bucket]}</td>`)}<td class="n">${row.total}</td></tr>`)}</tbody></table></div>`
    : ''
}
${
  report.problems.length > 0
    ? html`<h2>${t('dashboard-broadcasts:problems')}</h2><div class="table"><table><thead><tr><th>${t('dashboard-broadcasts:person')}</th><th>${t('dashboard-broadcasts:channel')}</th><th>${t('dashboard-broadcasts:status')}</th><th>${t('dashboard-broadcasts:error')}</th></tr></thead>
<tbody>${report.problems.map((problem) => html`<tr><td><a href="/admin/people/${problem.personId}">${problem.name ?? t('dashboard-broadcasts:unnamed')}</a></td><td>${t(`dashboard-broadcasts:channel_${problem.channel}`)}</td><td>${t(`dashboard-broadcasts:problem_${problem.status}`)}</td><td>${problem.error ?? ''}</td></tr>`)}</tbody></table></div>
${report.problemCount > report.problems.length ? html`<p class="muted" data-count="problems-not-shown">${t('dashboard:problems_more', { count: report.problemCount - report.problems.length, shown: report.problems.length })}</p>` : ''}`
    : ''
}
<h2>${t('dashboard-broadcasts:text')}</h2>
<p>${t(`dashboard-broadcasts:times_read_in_${timesZone === programme.timeZone ? 'programme' : 'audience'}`, { place: zoneCity(timesZone), zone: timesZone })}</p>
${programme.languages.filter((lang) => broadcast.texts[lang] !== undefined).map((lang) => html`<h3>${t(`dashboard-broadcasts:language_${lang}`)}</h3><div class="message" lang="${lang}">${broadcast.texts[lang]}</div>`)}
<p><a href="/admin/broadcasts">${t('dashboard-broadcasts:back_to_list')}</a></p>`;
}
