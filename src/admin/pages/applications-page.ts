import type { FastifyInstance } from 'fastify';
import { APPLY_WORDS, applicationLinks } from '../../domain/application-links.ts';
import { formatLocalDateTime } from '../../domain/format-local-date-time.ts';
import { SUPPORTED_LANGUAGES } from '../../domain/programme/language.ts';
import { findViewerCall, type ReviewedCall } from '../../store/applications/find-viewer-call.ts';
import {
  APPLICATION_DECISIONS,
  APPLICATION_STATES,
  countApplications,
  listApplications,
  type ApplicationCounts,
  type ApplicationFilters,
  type ApplicationRow,
} from '../../store/applications/list-applications.ts';
import { assertStaff } from '../access.ts';
import type { AdminDependencies } from '../admin-dependencies.ts';
import { registerApplicationsCsv } from '../exports/applications-csv.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { adminTranslate, renderPage, type AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';
import { qrCodeSvg } from '../qr-code-svg.ts';
import type { Viewer } from '../viewer.ts';
import { registerApplicationPage } from './application-page.ts';
import { countryLabel, filtersQuery, readApplicationFilters, type ApplicationsQuery } from './application-filters.ts';
import { APPLICATIONS_STYLE, averageText, decisionBadge, shortDateTime } from './application-style.ts';

/**
 * GET /admin/applications (staff) — the programme's call for applications: its dates in the
 * programme's zone, its public links with a QR code each, how many applications are in each state
 * and from each country, and the list under the filters of the address, with applications.csv of
 * the same rows. Each application's page (reviews, shortlist, decision) is application-page.ts.
 */
export function registerApplicationPages(app: FastifyInstance, deps: AdminDependencies): void {
  app.get<{ Querystring: ApplicationsQuery }>('/admin/applications', async (request, reply) => {
    const { viewer } = request;
    assertStaff(viewer);
    const t = adminTranslate(deps, viewer);
    const call = await findViewerCall(deps.db, viewer.programmeIds, request.query.call || undefined).catch(() => null);
    const title = t('dashboard-applications:title');
    if (!call) {
      const body = html`<p class="notice">${t('dashboard-applications:no_call')}</p>`;
      return reply
        .type('text/html; charset=utf-8')
        .send(renderPage(viewer, t, { title, body, section: 'applications' }));
    }
    const filters = readApplicationFilters(request.query);
    const [counts, rows] = await Promise.all([
      countApplications(deps.db, call.id),
      listApplications(deps.db, { callId: call.id, filters, viewerId: viewer.personId }),
    ]);
    const csv = `/admin/applications.csv?${filtersQuery(call.id, filters).toString()}`;
    const body = html`${APPLICATIONS_STYLE}${callFacts(call, viewer, t, deps.now())}
${await linksSection(deps, t)}
${countsSection(counts, viewer, t)}
<h2 id="list">${t('dashboard-applications:list.title')}</h2>
${filterForm(call.id, filters, counts, viewer, t)}
<p class="muted" role="status">${t('dashboard-applications:list.count', { count: rows.length })} · <a href="${csv}" download>${t('dashboard-applications:list.csv')}</a></p>
${rows.length === 0 ? html`<p class="notice">${t('dashboard-applications:list.empty')}</p>` : applicationsTable(rows, call, viewer, t)}`;
    return reply.type('text/html; charset=utf-8').send(renderPage(viewer, t, { title, body, section: 'applications' }));
  });

  registerApplicationPage(app, deps);
  registerApplicationsCsv(app, deps);
}

/** The call's programme, dates in the programme's zone, and whether it is open now. */
function callFacts(call: ReviewedCall, viewer: Viewer, t: AdminTranslate, now: Date): SafeHtml {
  const state = now < call.opensAt ? 'not_open' : now <= call.closesAt ? 'open' : 'closed';
  const when = (at: Date) => formatLocalDateTime(at, call.timeZone, viewer.language);
  return html`<p><strong>${localizedText(call.programmeName, viewer.language)}</strong> <span class="badge call-${state}">${t(`dashboard-applications:call.${state}`)}</span></p>
<p>${t('dashboard-applications:call.dates', { opens: when(call.opensAt), closes: when(call.closesAt), zone: call.timeZone })}</p>`;
}

/** The public links (Telegram, and WhatsApp with each language's word), each with its QR code. */
async function linksSection(deps: AdminDependencies, t: AdminTranslate): Promise<SafeHtml> {
  const accounts = deps.chatAccounts ?? { telegramBotUsername: null, whatsappBusinessNumber: null };
  const links: { label: string; href: string }[] = [];
  const telegram = applicationLinks('fr', accounts).telegram;
  if (telegram) links.push({ label: t('dashboard-applications:links.telegram'), href: telegram });
  for (const language of SUPPORTED_LANGUAGES) {
    const whatsapp = applicationLinks(language, accounts).whatsapp;
    if (whatsapp)
      links.push({
        label: t('dashboard-applications:links.whatsapp', { word: APPLY_WORDS[language] }),
        href: whatsapp,
      });
  }
  if (links.length === 0)
    return html`<h2>${t('dashboard-applications:links.title')}</h2><p class="muted">${t('dashboard-applications:links.none')}</p>`;
  const cards = await Promise.all(
    links.map(
      async (link) =>
        html`<li><figure>${await qrCodeSvg(link.href, t('dashboard-applications:links.qr_label', { link: link.label }))}<figcaption><a href="${link.href}">${link.label}</a><br><small class="muted link">${link.href}</small></figcaption></figure></li>`,
    ),
  );
  return html`<h2>${t('dashboard-applications:links.title')}</h2><p class="muted">${t('dashboard-applications:links.intro')}</p><ul class="apply-links">${cards}</ul>`;
}

const COUNTED = ['started', 'submitted', 'shortlisted', 'accepted', 'declined', 'waiting_list'] as const;

function countsSection(counts: ApplicationCounts, viewer: Viewer, t: AdminTranslate): SafeHtml {
  const none = t('dashboard-applications:country_none');
  return html`<h2>${t('dashboard-applications:counts.title')}</h2>
<ul class="cards">${COUNTED.map((state) => html`<li><b>${counts[state]}</b>${t(`dashboard-applications:counts.${state}`)}</li>`)}</ul>
<h2>${t('dashboard-applications:counts.countries')}</h2>
${
  counts.countries.length === 0
    ? html`<p class="muted">${t('dashboard-applications:list.empty')}</p>`
    : html`<ul class="countries">${counts.countries.map(({ country, count }) => html`<li><span>${countryLabel(country, viewer.language, none)}</span> <b>${count}</b></li>`)}</ul>`
}`;
}

/** The filters, a form that works without a script. */
function filterForm(
  callId: string,
  filters: ApplicationFilters,
  counts: ApplicationCounts,
  viewer: Viewer,
  t: AdminTranslate,
): SafeHtml {
  const option = (value: string, label: string, current: string | undefined) =>
    html`<option value="${value}"${value === (current ?? '') ? raw(' selected') : ''}>${label}</option>`;
  const all = t('dashboard-applications:filter.all');
  const select = (name: string, current: string | undefined, options: [string, string][]) =>
    html`<label>${t(`dashboard-applications:filter.${name}`)}<select name="${name}">${option('', all, current)}${options.map(([value, label]) => option(value, label, current))}</select></label>`;
  const none = t('dashboard-applications:country_none');
  return html`<form method="get" action="/admin/applications#list" class="filters"><input type="hidden" name="call" value="${callId}">
${select(
  'state',
  filters.state,
  APPLICATION_STATES.map((state) => [state, t(`dashboard-applications:state.${state}`)]),
)}
${select(
  'country',
  filters.country,
  counts.countries.flatMap(({ country }) => (country ? [[country, countryLabel(country, viewer.language, none)]] : [])),
)}
${select('shortlisted', filters.shortlisted === undefined ? undefined : filters.shortlisted ? 'yes' : 'no', [
  ['yes', t('dashboard-applications:filter.shortlisted_yes')],
  ['no', t('dashboard-applications:filter.shortlisted_no')],
])}
${select('decision', filters.decision, [
  ...APPLICATION_DECISIONS.map((decision): [string, string] => [
    decision,
    t(`dashboard-applications:decision.${decision}`),
  ]),
  ['none', t('dashboard-applications:decision.none')],
])}
${select('graded', filters.graded, [
  ['mine', t('dashboard-applications:filter.graded_mine')],
  ['not_mine', t('dashboard-applications:filter.graded_not_mine')],
])}
<button type="submit" class="secondary">${t('dashboard-applications:filter.show')}</button></form>`;
}

function applicationsTable(rows: ApplicationRow[], call: ReviewedCall, viewer: Viewer, t: AdminTranslate): SafeHtml {
  const none = t('dashboard-applications:country_none');
  return html`<div class="table"><table class="applications"><thead><tr><th>${t('dashboard-applications:list.name')}</th><th>${t('dashboard-applications:list.submitted')}</th><th class="n">${t('dashboard-applications:list.average')}</th><th>${t('dashboard-applications:list.decision')}</th></tr></thead><tbody>
${rows.map(
  (
    row,
  ) => html`<tr data-application="${row.id}"><td><a href="/admin/applications/${row.id}">${row.name ?? t('dashboard-applications:no_name')}</a>${row.shortlisted ? html` <span class="star" title="${t('dashboard-applications:shortlisted')}" aria-label="${t('dashboard-applications:shortlisted')}">★</span>` : ''}<br><small class="muted">${countryLabel(row.country, viewer.language, none)}${row.city ? ` · ${row.city}` : ''}</small></td>
<td>${row.submittedAt ? shortDateTime(row.submittedAt, call.timeZone, viewer.language) : html`<span class="muted">${t('dashboard-applications:state.started')}</span>`}</td>
<td class="n">${averageText(row.average, call.rubricScale, viewer.language)}<br><small class="muted">${t('dashboard-applications:list.reviews', { count: row.reviews.length })}</small></td>
<td>${decisionBadge(row.decision, t)}</td></tr>`,
)}
</tbody></table></div>`;
}
