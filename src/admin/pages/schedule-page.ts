import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { previewSchedule, type ScheduledItem } from '../../store/programmes/preview-schedule.ts';
import type { Language } from '../../domain/programme/language.ts';
import { assertStaff, viewerCohort } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { BadRequestError } from '../admin-errors.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { adminTranslate, renderPage, type AdminTranslate } from '../layout.ts';
import { cohortPicker } from './cohort-picker.ts';

const DEFAULT_DAYS = 14;
/** As `compagnon schedule preview`: a year at most. */
const MAX_DAYS = 366;
const DAY_CHOICES = [7, 14, 30, 90];

/**
 * GET /admin/schedule?cohort=…&days=14 (staff): what the scheduler will send to whom and when, in
 * UTC and in each person's local time — the same preview as `compagnon schedule preview`; nothing
 * is sent or written.
 */
export function registerSchedulePage(app: FastifyInstance, deps: AdminDependencies): void {
  app.get<{ Querystring: { cohort?: string; days?: string } }>('/admin/schedule', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const cohortId = viewerCohort(viewer, request.query.cohort);
    const t = adminTranslate(deps, viewer);
    const days =
      request.query.days === undefined || request.query.days === '' ? DEFAULT_DAYS : Number(request.query.days);
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
      throw new BadRequestError(`days must be a whole number from 1 to ${MAX_DAYS} (got "${request.query.days}")`, {
        key: 'dashboard-broadcasts:days_invalid',
        values: { max: MAX_DAYS },
      });
    }
    const preview = await previewSchedule(deps.db, cohortId, deps.now(), days, deps.defaultLanguage);
    const body = html`${await cohortPicker(deps.db, viewer, cohortId, '/admin/schedule')}
<form method="get" action="/admin/schedule"><input type="hidden" name="cohort" value="${cohortId}">
<label>${t('dashboard-broadcasts:days')} <select name="days">${[...new Set([...DAY_CHOICES, days])]
      .sort((a, b) => a - b)
      .map(
        (n) => html`<option value="${n}"${n === days ? raw(' selected') : ''}>${n}</option>`,
      )}</select></label> <button type="submit">${t('dashboard-broadcasts:show')}</button></form>
${preview.paused ? html`<p class="notice error">${t('dashboard-broadcasts:schedule_paused')}</p>` : ''}
<p>${t('dashboard-broadcasts:schedule_summary', { count: preview.items.length, days })}</p>
<p class="muted">${t('dashboard-broadcasts:schedule_hint')}</p>
${
  preview.items.length === 0
    ? ''
    : html`<div class="table"><table>
<thead><tr><th>${t('dashboard-broadcasts:utc')}</th><th>${t('dashboard-broadcasts:local_time')}</th><th>${t('dashboard-broadcasts:who')}</th><th>${t('dashboard-broadcasts:what')}</th></tr></thead>
<tbody>${preview.items.map((item) => {
        const local = DateTime.fromJSDate(item.at, { zone: item.timeZone }).setLocale(viewer.language);
        return html`<tr><td><time datetime="${item.at.toISOString()}">${item.at.toISOString().slice(0, 16).replace('T', ' ')}</time></td>
<td>${local.toFormat('ccc d LLL HH:mm')} <span class="muted">${item.timeZone}</span></td><td>${item.who ?? html`<span class="muted">${t('dashboard-broadcasts:scheduled_audience')}</span>`}</td><td>${describe(item, t, viewer.language)}</td></tr>`;
      })}</tbody></table></div>`
}`;
    return reply.type('text/html; charset=utf-8').send(
      renderPage(viewer, t, {
        title: t('dashboard-broadcasts:schedule_title', { cohort: preview.cohort }),
        body,
        section: 'schedule',
      }),
    );
  });
}

/** What an item sends, in the viewer's words; a broadcast links to its page. */
function describe(item: ScheduledItem, t: AdminTranslate, language: Language): SafeHtml | string {
  const { what } = item;
  if (what.kind === 'release')
    return t('dashboard-broadcasts:scheduled_release', { key: what.exerciseKey, title: what.title });
  if (what.kind === 'reminder') {
    const due = DateTime.fromJSDate(what.dueAt, { zone: item.timeZone })
      .setLocale(language)
      .toFormat('ccc d LLL HH:mm');
    return t('dashboard-broadcasts:scheduled_reminder', { key: what.exerciseKey, title: what.title, due });
  }
  return html`<a href="/admin/broadcasts/${what.broadcastId}">${t('dashboard-broadcasts:scheduled_broadcast')} ${what.broadcastId}</a>`;
}
