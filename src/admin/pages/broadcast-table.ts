import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import type { Language } from '../../domain/programme/language.ts';
import { describeSegment, segmentFilterSchema } from '../../domain/segment.ts';
import type { BroadcastSummary } from '../../store/broadcasts/list-broadcasts.ts';
import { html, type SafeHtml } from '../html.ts';
import type { AdminTranslate } from '../layout.ts';
import { segmentNames, type ProgrammeChoices } from './broadcast-form.ts';
import { utcTime } from './utc-time.ts';

/** The list of broadcasts, with when, to whom, what and how far each got. */
export function broadcastTable(
  broadcasts: BroadcastSummary[],
  programmes: ProgrammeChoices[],
  language: Language,
  t: AdminTranslate,
): SafeHtml {
  return html`<div class="table"><table>
<thead><tr><th>${t('dashboard-broadcasts:status')}</th><th>${t('dashboard-broadcasts:scheduled_at')}</th><th>${t('dashboard-broadcasts:audience')}</th><th>${t('dashboard-broadcasts:text')}</th>
<th class="n">${t('dashboard-broadcasts:bucket_total')}</th><th class="n">${t('dashboard-broadcasts:bucket_delivered')}</th><th class="n">${t('dashboard-broadcasts:bucket_read')}</th><th class="n">${t('dashboard-broadcasts:bucket_failed')}</th></tr></thead>
<tbody>${broadcasts.map((broadcast) => {
    const programme = programmes.find((p) => p.id === broadcast.programmeId)!;
    const filter = segmentFilterSchema.safeParse(broadcast.filter);
    const text = broadcast.texts[language] ?? Object.values(broadcast.texts)[0] ?? '';
    return html`<tr>
<td><a href="/admin/broadcasts/${broadcast.id}">${t(`dashboard-broadcasts:broadcast_status_${broadcast.status}`)}</a></td>
<td>${broadcast.scheduledAt ? html`${formatLocalDateTime(broadcast.scheduledAt, programme.timeZone, language)}<br><span class="muted">${utcTime(broadcast.scheduledAt)}</span>` : '—'}</td>
<td>${filter.success ? describeSegment(filter.data, segmentNames(programme), language) : ''}</td>
<td>${text.length > 80 ? `${text.slice(0, 79)}…` : text}</td>
<td class="n">${broadcast.counts.total}</td><td class="n">${broadcast.counts.delivered}</td><td class="n">${broadcast.counts.read}</td><td class="n">${broadcast.counts.failed + broadcast.counts.skipped}</td>
</tr>`;
  })}</tbody></table></div>`;
}
